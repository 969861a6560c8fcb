"""Joining the network through its pages (R-C6, R-C7, R-C15): sign-up, questionnaire, terms."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from members import roles
from members.models import MembershipStatus, Profile, TermsAcceptance, Visibility
from members.tests import factories as people
from members.tests.factories import PASSWORD
from tests.smtp import body_text

QUESTIONNAIRE = reverse("members:questionnaire")
TERMS = reverse("members:accept_terms")
PENDING = reverse("members:pending")
ADAPTER = "members.adapter.AccountAdapter"

VISIBILITIES = {
    "display_name_visibility": Visibility.MEMBERS,
    "name_visibility": Visibility.MEMBERS,
    "email_visibility": Visibility.COORDINATORS,
    "phone_visibility": Visibility.COORDINATORS,
    "job_title_visibility": Visibility.MEMBERS,
    "organisation_visibility": Visibility.COORDINATORS,
    "postal_address_visibility": Visibility.COORDINATORS,
    "skills_visibility": Visibility.PUBLIC,
    "themes_visibility": Visibility.MEMBERS,
    "hobbies_visibility": Visibility.MEMBERS,
    "particularities_visibility": Visibility.COORDINATORS,
    "bio_visibility": Visibility.MEMBERS,
}


def answers(**overrides):
    data = {
        "first_name": "Camille",
        "last_name": "Durand",
        "display_name": "",
        "phone": "06 12 34 56 78",
        "job_title": "Responsable des ressources humaines",
        "organisation": "",
        "postal_address": "",
        "skills": "écoute, droit du travail",
        "hobbies": "",
        "particularities": "",
        "bio": "Vingt ans dans le social.",
        **VISIBILITIES,
    }
    data.update(overrides)
    return data


def status_of(user):
    return Profile.objects.get(user=user).status


@pytest.fixture
def our_adapter(settings):
    """The flows below need members.adapter; test_the_account_adapter_is_configured checks that
    the settings name it."""
    settings.ACCOUNT_ADAPTER = ADAPTER
    return settings


@pytest.fixture
def at_terms(newcomer, client_for, membership_terms):
    client = client_for(newcomer)
    response = client.post(QUESTIONNAIRE, answers())
    assert response.status_code == 302
    return client


# --- Sign-up ---------------------------------------------------------------------------------


def test_the_account_adapter_is_configured():
    from django.conf import settings

    assert settings.ACCOUNT_ADAPTER == ADAPTER


def test_signing_up_sends_a_verification_email_and_creates_a_profile_at_the_questionnaire(
    db, mailbox, our_adapter
):
    response = Client().post(
        reverse("account_signup"),
        {"email": "arrivee@relais.test", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    user = get_user_model().objects.get(email="arrivee@relais.test")
    assert status_of(user) == MembershipStatus.QUESTIONNAIRE
    assert [message["To"] for message in mailbox] == ["arrivee@relais.test"]


def test_confirming_the_address_leads_straight_to_the_questionnaire(db, mailbox, our_adapter):
    client = Client()
    client.post(
        reverse("account_signup"),
        {"email": "arrivee@relais.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    link = re.search(r"https?://\S+/compte/\S+/", body_text(mailbox[0])).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)

    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"] == QUESTIONNAIRE


def test_a_duplicate_email_at_sign_up_creates_no_second_account_and_answers_in_french(
    db, mailbox, our_adapter
):
    people.UserFactory(email="deja@relais.test", verified_email=True)

    response = Client().post(
        reverse("account_signup"),
        {"email": "Deja@relais.test", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )

    assert get_user_model().objects.filter(email__iexact="deja@relais.test").count() == 1
    assert "Vérifiez votre adresse e-mail" in response.content.decode()
    # The owner of the address is told someone tried; the page says nothing that would reveal
    # to a stranger that this address belongs to a member (ACCOUNT_PREVENT_ENUMERATION).
    assert [message["To"] for message in mailbox] == ["deja@relais.test"]


def test_after_login_a_newcomer_goes_on_with_joining_wherever_the_login_link_pointed(
    newcomer, our_adapter
):
    response = Client().post(
        f"{reverse('account_login')}?next=/",
        {"login": newcomer.email, "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == QUESTIONNAIRE


# --- Questionnaire ---------------------------------------------------------------------------


def test_a_person_created_outside_sign_up_gets_a_profile_at_the_questionnaire(newcomer, client_for):
    response = client_for(newcomer).get(QUESTIONNAIRE)

    assert response.status_code == 200
    assert status_of(newcomer) == MembershipStatus.QUESTIONNAIRE


def test_the_questionnaire_offers_public_only_where_it_makes_sense(newcomer, client_for):
    html = client_for(newcomer).get(QUESTIONNAIRE).content.decode()

    assert 'name="bio_visibility" value="public"' in html
    assert 'name="phone_visibility" value="public"' not in html


def test_the_questionnaire_starts_from_protective_visibility_defaults(newcomer, client_for):
    html = client_for(newcomer).get(QUESTIONNAIRE).content.decode()

    assert re.search(r'name="phone_visibility" value="coordinators"[^>]*checked', html)


def test_filling_the_questionnaire_saves_the_answers_and_moves_on_to_the_terms(
    newcomer, client_for
):
    response = client_for(newcomer).post(QUESTIONNAIRE, answers())

    assert response["Location"] == TERMS
    newcomer.refresh_from_db()
    profile = Profile.objects.get(user=newcomer)
    assert (newcomer.first_name, newcomer.last_name) == ("Camille", "Durand")
    assert profile.status == MembershipStatus.TERMS
    assert profile.phone == "06 12 34 56 78"
    assert sorted(skill.name for skill in profile.skills.all()) == ["droit du travail", "écoute"]
    assert profile.skills_visibility == Visibility.PUBLIC


def test_a_visibility_value_not_offered_for_a_field_is_refused_and_nothing_typed_is_lost(
    newcomer, client_for
):
    response = client_for(newcomer).post(
        QUESTIONNAIRE, answers(phone_visibility=Visibility.PUBLIC, bio="Ma présentation unique")
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Ce choix n’est pas proposé pour ce champ." in html
    assert "Ma présentation unique" in html
    assert status_of(newcomer) == MembershipStatus.QUESTIONNAIRE


def test_an_invalid_phone_number_is_refused_in_french(newcomer, client_for):
    response = client_for(newcomer).post(QUESTIONNAIRE, answers(phone="appelez-moi"))

    assert "Saisissez un numéro de téléphone valide" in response.content.decode()
    assert status_of(newcomer) == MembershipStatus.QUESTIONNAIRE


def test_an_over_long_bio_is_refused(newcomer, client_for):
    response = client_for(newcomer).post(QUESTIONNAIRE, answers(bio="x" * 1001))

    assert response.status_code == 400
    assert "1000 caractères" in response.content.decode()
    assert Profile.objects.get(user=newcomer).bio == ""


def test_first_and_last_name_are_required(newcomer, client_for):
    response = client_for(newcomer).post(QUESTIONNAIRE, answers(first_name="", last_name=""))

    assert "Champ requis." in response.content.decode()
    assert status_of(newcomer) == MembershipStatus.QUESTIONNAIRE


def test_an_inactive_organisation_cannot_be_chosen(newcomer, client_for):
    from members.models import Organisation

    closed = Organisation.objects.create(name="Ancienne mairie", is_active=False)

    response = client_for(newcomer).post(QUESTIONNAIRE, answers(organisation=str(closed.pk)))

    assert "Choisissez une organisation de la liste." in response.content.decode()


# --- Terms -----------------------------------------------------------------------------------


def test_the_terms_page_shows_the_current_terms_with_an_unticked_checkbox(at_terms):
    html = at_terms.get(TERMS).content.decode()

    assert "V1/2024" in html
    checkbox = re.search(r'<input type="checkbox" name="accept"[^>]*>', html).group(0)
    assert "checked" not in checkbox


def test_the_terms_are_not_accepted_without_ticking_the_box(at_terms, membership_terms):
    response = at_terms.post(TERMS, {"charter": membership_terms.pk})

    assert "Cochez la case pour accepter les conditions." in response.content.decode()
    assert not TermsAcceptance.objects.exists()


def test_accepting_the_terms_in_open_membership_makes_an_active_member(
    at_terms, newcomer, membership_terms, open_membership
):
    response = at_terms.post(TERMS, {"charter": membership_terms.pk, "accept": "on"})

    assert response["Location"] == PENDING
    assert status_of(newcomer) == MembershipStatus.ACTIVE
    assert roles.has_role(newcomer, roles.MEMBERS)
    acceptance = TermsAcceptance.objects.get(user=newcomer)
    assert (acceptance.charter_id, acceptance.version_label) == (membership_terms.pk, "V1/2024")


def test_accepting_the_terms_with_approval_leaves_the_application_pending(
    at_terms, newcomer, membership_terms, approval_membership
):
    at_terms.post(TERMS, {"charter": membership_terms.pk, "accept": "on"})

    assert status_of(newcomer) == MembershipStatus.PENDING
    assert not roles.has_role(newcomer, roles.MEMBERS)


def test_coordinators_are_emailed_about_a_new_application_without_the_applicants_name(
    at_terms,
    membership_terms,
    approval_membership,
    coordinator,
    mailbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        at_terms.post(TERMS, {"charter": membership_terms.pk, "accept": "on"})

    assert [message["To"] for message in mailbox] == [coordinator.email]
    body = body_text(mailbox[0])
    assert reverse("members:approval_queue") in body
    assert "Camille" not in body and "Durand" not in body and "nouvelle@" not in body


def test_an_outdated_version_posted_is_refused_and_the_current_one_shown(
    at_terms, membership_terms, site_tree
):
    response = at_terms.post(TERMS, {"charter": site_tree.charter_versions[0].pk, "accept": "on"})

    assert "n’est plus celle en vigueur" in response.content.decode()
    assert not TermsAcceptance.objects.exists()


def test_the_pending_page_tells_the_applicant_to_wait(
    at_terms, membership_terms, approval_membership
):
    at_terms.post(TERMS, {"charter": membership_terms.pk, "accept": "on"})

    response = at_terms.get(PENDING)

    assert "en attente de validation" in response.content.decode()


# --- The gate --------------------------------------------------------------------------------


def test_a_newcomer_asking_for_a_member_page_is_sent_to_the_questionnaire(newcomer, client_for):
    response = client_for(newcomer).get(reverse("members:directory"))

    assert response.status_code == 302
    assert response["Location"].startswith(QUESTIONNAIRE)


def test_a_newcomer_at_the_terms_step_is_sent_to_the_terms(at_terms):
    response = at_terms.get(reverse("members:directory"))

    assert response["Location"].startswith(TERMS)


def test_a_pending_applicant_asking_for_a_member_page_is_sent_to_the_pending_page(
    at_terms, membership_terms, approval_membership
):
    at_terms.post(TERMS, {"charter": membership_terms.pk, "accept": "on"})

    response = at_terms.get(reverse("members:directory"))

    assert response["Location"].startswith(PENDING)


@pytest.mark.parametrize("url", [QUESTIONNAIRE, TERMS, PENDING])
def test_the_gate_lets_a_newcomer_reach_the_joining_pages(newcomer, client_for, url):
    response = client_for(newcomer).get(url, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain in ([], [(QUESTIONNAIRE, 302)])


def test_the_gate_lets_a_newcomer_reach_my_data(newcomer, client_for):
    response = client_for(newcomer).get("/membres/mes-donnees/")

    assert not response.get("Location", "").startswith(QUESTIONNAIRE)


def test_members_only_cms_pages_stay_closed_to_a_pending_applicant(
    at_terms, membership_terms, approval_membership, site_tree
):
    at_terms.post(TERMS, {"charter": membership_terms.pk, "accept": "on"})

    response = at_terms.get(site_tree.members_space.url)

    assert response.status_code == 302
    assert response["Location"].startswith(PENDING)


def test_a_member_added_to_the_group_outside_joining_is_not_stopped(member, client_for):
    response = client_for(member).get(PENDING)

    assert response.status_code == 200
    assert status_of(member) == MembershipStatus.ACTIVE
