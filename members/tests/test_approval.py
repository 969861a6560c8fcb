"""The coordinators' approval queue (R-C6): decisions, mails that name nobody, double decisions."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members import roles
from members.models import MembershipStatus, Organisation, Profile, ProfileAccess
from members.tests import factories as people
from tests.smtp import body_text

QUEUE = reverse("members:approval_queue")
PENDING = reverse("members:pending")


def applicant(first_name="Anne", last_name="Martin", days_ago=1, organisation=None, **kwargs):
    user = people.UserFactory(first_name=first_name, last_name=last_name, **kwargs)
    Profile.objects.create(
        user=user,
        status=MembershipStatus.PENDING,
        status_changed_at=timezone.now() - datetime.timedelta(days=days_ago),
        job_title="Agente d’accueil",
        organisation=organisation,
    )
    return user


def decide_url(user):
    return reverse("members:decide_application", args=[user.public_id])


@pytest.fixture
def coordination(coordinator_with_2fa, client_for):
    return client_for(coordinator_with_2fa)


def status_of(user):
    return Profile.objects.get(user=user).status


# --- The queue -------------------------------------------------------------------------------


def test_the_queue_lists_pending_applications_oldest_first(coordination):
    applicant(first_name="Récente", days_ago=1)
    applicant(first_name="Ancienne", days_ago=10)

    html = coordination.get(QUEUE).content.decode()

    assert html.index("Ancienne") < html.index("Récente")


def test_the_queue_shows_the_organisation_of_each_applicant(coordination):
    mairie = Organisation.objects.create(name="Mairie de Lune")
    applicant(organisation=mairie)

    assert "Mairie de Lune" in coordination.get(QUEUE).content.decode()


def test_the_queue_leaves_out_people_who_are_not_waiting(coordination):
    people.member(first_name="Déjà", last_name="Membre")

    assert "Déjà Membre" not in coordination.get(QUEUE).content.decode()


def test_a_member_who_is_not_a_coordinator_cannot_see_the_queue(member, client_for):
    assert client_for(member).get(QUEUE).status_code == 403


def test_a_coordinator_without_a_second_factor_cannot_see_the_queue(coordinator, client_for):
    applicant(first_name="Invisible")

    response = client_for(coordinator).get(QUEUE)

    assert response.status_code in (302, 403)
    assert "Invisible" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_login():
    response = Client().get(QUEUE)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("size", [2, 12])
def test_the_queue_costs_a_fixed_number_of_queries(coordination, django_assert_num_queries, size):
    mairie = Organisation.objects.create(name="Mairie de Lune")
    for index in range(size):
        applicant(first_name=f"Personne{index}", organisation=mairie, days_ago=index + 1)
    coordination.get(QUEUE)  # the coordinator's own profile is created on the first visit

    with django_assert_num_queries(18):
        response = coordination.get(QUEUE)

    assert response.content.decode().count("Examiner la demande") == size


def test_opening_an_application_is_logged_as_a_profile_access(coordination, coordinator_with_2fa):
    person = applicant()

    coordination.get(decide_url(person))

    assert ProfileAccess.objects.filter(coordinator=coordinator_with_2fa, subject=person).exists()


# --- Decisions -------------------------------------------------------------------------------


def test_approving_makes_an_active_member_of_the_applicant(coordination):
    person = applicant()

    response = coordination.post(decide_url(person), {"decision": "approve", "reason": ""})

    assert response["Location"] == QUEUE
    assert status_of(person) == MembershipStatus.ACTIVE
    assert roles.has_role(person, roles.MEMBERS)


def test_the_approved_applicant_is_emailed_a_link_and_no_name(
    coordination, mailbox, django_capture_on_commit_callbacks
):
    person = applicant(first_name="Zélie", last_name="Quintard", email="zelie@relais.test")

    with django_capture_on_commit_callbacks(execute=True):
        coordination.post(decide_url(person), {"decision": "approve", "reason": ""})

    assert [message["To"] for message in mailbox] == ["zelie@relais.test"]
    body = body_text(mailbox[0])
    assert PENDING in body
    assert "Zélie" not in body and "Quintard" not in body


def test_rejecting_records_the_reason_and_keeps_the_applicant_out(coordination):
    person = applicant()

    coordination.post(decide_url(person), {"decision": "reject", "reason": "Hors périmètre"})

    profile = Profile.objects.get(user=person)
    assert profile.status == MembershipStatus.REJECTED
    assert profile.rejection_reason == "Hors périmètre"
    assert not roles.has_role(person, roles.MEMBERS)


def test_the_rejection_email_carries_neither_the_reason_nor_a_name(
    coordination, mailbox, django_capture_on_commit_callbacks
):
    person = applicant(first_name="Zélie", last_name="Quintard", email="zelie@relais.test")

    with django_capture_on_commit_callbacks(execute=True):
        coordination.post(decide_url(person), {"decision": "reject", "reason": "Hors périmètre"})

    assert [message["To"] for message in mailbox] == ["zelie@relais.test"]
    body = body_text(mailbox[0])
    assert PENDING in body
    assert "Hors périmètre" not in body
    assert "Zélie" not in body and "Quintard" not in body


def test_the_rejected_applicant_reads_the_reason_after_login(coordination, client_for):
    person = applicant()
    coordination.post(decide_url(person), {"decision": "reject", "reason": "Hors périmètre"})

    response = client_for(person).get(PENDING)

    assert "Hors périmètre" in response.content.decode()


def test_a_rejection_without_a_reason_is_refused_and_changes_nothing(coordination):
    person = applicant()

    response = coordination.post(decide_url(person), {"decision": "reject", "reason": "  "})

    assert "Indiquez le motif du refus" in response.content.decode()
    assert status_of(person) == MembershipStatus.PENDING


def test_deciding_twice_is_refused_with_a_clear_message(
    coordination, mailbox, django_capture_on_commit_callbacks
):
    person = applicant()
    with django_capture_on_commit_callbacks(execute=True):
        coordination.post(decide_url(person), {"decision": "approve", "reason": ""})
        response = coordination.post(decide_url(person), {"decision": "reject", "reason": "Oups"})

    assert "Cette demande a déjà été traitée" in response.content.decode()
    assert status_of(person) == MembershipStatus.ACTIVE
    assert len(mailbox) == 1


def test_deciding_on_someone_who_has_not_applied_is_refused(coordination):
    member = people.member()
    Profile.objects.create(user=member, status=MembershipStatus.QUESTIONNAIRE)

    response = coordination.post(decide_url(member), {"decision": "approve", "reason": ""})

    assert "Cette demande a déjà été traitée" in response.content.decode()
    assert status_of(member) == MembershipStatus.QUESTIONNAIRE


def test_an_unknown_application_id_is_not_found(coordination):
    response = coordination.get(
        reverse("members:decide_application", args=["00000000-0000-0000-0000-000000000000"])
    )

    assert response.status_code == 404


def test_an_approval_stands_when_the_mail_server_is_down(
    coordination, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = 1  # nothing listens there
    person = applicant()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordination.post(decide_url(person), {"decision": "approve", "reason": ""})

    assert response.status_code == 302
    assert status_of(person) == MembershipStatus.ACTIVE
