"""R-C7: every item of a profile reaches a viewer on every surface only as its visibility allows.

For each field of members.privacy.FIELDS, each visibility a member may choose for it, and each
kind of viewer, one person (the subject) shows that field with that visibility and hides every
other item from members. The test then looks at each surface: the profile page, the directory
listing, the directory search for the exact value, the directory filters, and the forum author
card; for visitors, the author card and the "visitor" preview; for the owner, the two previews of
"Ma confidentialité". Values are unique, so finding one means the field leaked or was shown.

The help requests' pages are walked too: after both consents (R-C10) the contact box and the
thread of the same page name a person the same way, the one privacy.person_for gives, and their
phone and e-mail reach the other side only through the presenter's contact entry.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser, Group
from django.template import Context, Template
from django.urls import reverse

from helprequests import services as requests
from helprequests.models import Routing
from helprequests.tests.factories import in_days, request_data
from home.tests.factories import ThemeFactory
from members import privacy, roles
from members.models import MembershipStatus, Organisation, Profile, Skill, Visibility
from members.tests.factories import UserFactory, coordinator, with_second_factor

DIRECTORY = reverse("members:directory")

# One value per field, found nowhere else in the pages under test.
VALUES = {
    "display_name": "Zéphyrine-Kw",
    "name": "Quenouillard-Vx",  # the last name; the first name shows in the owner's header
    "email": "sujet.unique-7q@relais.test",
    "phone": "06 98 76 54 32",
    "job_title": "Archiviste-Mq des tempêtes",
    "organisation": "Coopérative Hibou-Tx",
    "postal_address": "12 rue du Guet-Yz, 44000 Nantes",
    "skills": "Calligraphie-Jv",
    "themes": "Thème Lichen-Bp",
    "hobbies": "Spéléologie-Wn",
    "particularities": "Malentendant-Rd",
    "bio": "Passionnée de phares-Gk",
}
assert set(VALUES) == set(privacy.FIELDS_BY_KEY), "every field of privacy.FIELDS is tested"

SEARCHABLE = {field.key for field in privacy.FIELDS if field.search_lookups}
FILTERABLE = {key for key, _lookup in privacy.FILTERS.values()}
NAMING = {"display_name", "name"}  # the author card's name (privacy.person_for)

CASES = [
    pytest.param(field.key, value, id=f"{field.key}-{value}")
    for field in privacy.FIELDS
    for value, _label in privacy.allowed_choices(field)
]

VIEWER_ROLES = {
    "another member": [roles.MEMBERS],
    "helper": [roles.MEMBERS, roles.HELPERS],
    "moderator": [roles.MEMBERS, roles.MODERATORS],
    "editor": [roles.MEMBERS, roles.EDITORS],
    "coordinator": [roles.MEMBERS, roles.COORDINATORS],
}
SEES_EVERYTHING = {"coordinator", "owner"}
LOGGED_IN_VIEWERS = [*VIEWER_ROLES, "owner"]


def make_subject(key, visibility):
    """The person whose `key` field has `visibility`; every other item is for coordinators only.

    When the name is under test the display name stays empty, so that the name is what names
    the person wherever it may be seen."""
    organisation = Organisation.objects.create(name=VALUES["organisation"])
    theme = ThemeFactory(name=VALUES["themes"])
    user = UserFactory(
        roles=[roles.MEMBERS],
        first_name="Philomène",
        last_name=VALUES["name"],
        email=VALUES["email"],
    )
    hidden = {field.visibility_attr: Visibility.COORDINATORS for field in privacy.FIELDS}
    hidden[privacy.FIELDS_BY_KEY[key].visibility_attr] = visibility
    profile = Profile.objects.create(
        user=user,
        status=MembershipStatus.ACTIVE,
        display_name="" if key == "name" else VALUES["display_name"],
        phone=VALUES["phone"],
        job_title=VALUES["job_title"],
        organisation=organisation,
        postal_address=VALUES["postal_address"],
        hobbies=VALUES["hobbies"],
        particularities=VALUES["particularities"],
        bio=VALUES["bio"],
        **hidden,
    )
    Skill.objects.replace_for(profile, [VALUES["skills"]])
    profile.themes.set([theme])
    return profile


def make_viewer(kind, subject):
    if kind == "owner":
        return subject.user
    user = UserFactory(roles=VIEWER_ROLES[kind], first_name="Lecteur", last_name="Témoin")
    Profile.objects.create(user=user, status=MembershipStatus.ACTIVE, display_name="Lectrice")
    if kind in ("coordinator", "editor"):
        with_second_factor(user)  # required before they reach member data
    return user


def text_of(response, element_id=None):
    soup = BeautifulSoup(response.content, "html.parser")
    part = soup.find(id=element_id) if element_id else soup.find("main")
    return part.get_text(" ") if part else ""


def listed(response, subject):
    link = reverse("members:profile", args=[subject.user.public_id])
    return f'href="{link}"' in response.content.decode()


def filter_params(key, subject):
    if key == "organisation":
        return {"organisation": str(subject.organisation.public_id)}
    if key == "themes":
        return {"theme": subject.themes.get().slug}
    return {"skill": VALUES["skills"]}


def author_card(viewer, subject):
    template = Template("{% load member_tags %}{% author_card viewer author %}")
    return template.render(Context({"viewer": viewer, "author": subject.user}))


@pytest.mark.django_db
@pytest.mark.parametrize("viewer_kind", LOGGED_IN_VIEWERS)
@pytest.mark.parametrize(("key", "visibility"), CASES)
def test_a_field_reaches_a_logged_in_viewer_only_where_its_visibility_allows(
    client_for, key, visibility, viewer_kind
):
    subject = make_subject(key, visibility)
    viewer = make_viewer(viewer_kind, subject)
    client = client_for(viewer)
    value = VALUES[key]
    profile_url = reverse("members:profile", args=[subject.user.public_id])

    observed = {
        "profile page": value in text_of(client.get(profile_url)),
        "directory listing": value in text_of(client.get(DIRECTORY), "resultats"),
        "directory search": listed(client.get(DIRECTORY, {"q": value}), subject),
        "directory filter": (
            listed(client.get(DIRECTORY, filter_params(key, subject)), subject)
            if key in FILTERABLE
            else None
        ),
        "author card": value in author_card(viewer, subject),
    }

    shown = viewer_kind in SEES_EVERYTHING or visibility != Visibility.COORDINATORS
    # Lists of people (directory cards, author cards) show coordinators what members see: what
    # is kept for them is read on the full profile, whose opening is logged. Owners see their
    # own card whole.
    in_lists = viewer_kind == "owner" or visibility != Visibility.COORDINATORS
    # Search and filters work on what members may see, for everyone: searching a hidden item
    # would reveal it, unlogged.
    findable = visibility != Visibility.COORDINATORS
    expected = {
        "profile page": shown,
        "directory listing": in_lists,
        "directory search": findable and key in SEARCHABLE,
        # The subject's organisation keeps its name from helpers (the default level): their
        # directory neither lists it nor filters on it.
        "directory filter": (
            findable and not (key == "organisation" and viewer_kind == "helper")
            if key in FILTERABLE
            else None
        ),
        "author card": in_lists and key in (NAMING | set(privacy.CARD_FIELDS)),
    }
    assert observed == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "visibility"), CASES)
def test_a_visitor_sees_a_field_only_when_it_is_public(key, visibility):
    subject = make_subject(key, visibility)
    visitor = AnonymousUser()
    value = VALUES[key]
    preview = {item.key: item.value for item in privacy.preview_as(subject, Visibility.PUBLIC)}

    observed = {
        "author card": value in author_card(visitor, subject),
        "visitor preview": key in preview,
        "fields for a visitor": key
        in {item.key for item in privacy.visible_fields(visitor, subject)},
    }
    public = visibility == Visibility.PUBLIC
    expected = {
        "author card": public and key in (NAMING | set(privacy.CARD_FIELDS)),
        "visitor preview": public,
        "fields for a visitor": public,
    }
    assert observed == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "visibility"), CASES)
def test_my_privacy_previews_show_a_field_to_the_audiences_its_visibility_allows(
    client_for, key, visibility
):
    subject = make_subject(key, visibility)
    response = client_for(subject.user).get(reverse("members:my_privacy"))
    value = VALUES[key]

    observed = {
        "Ce que voit un autre membre": value in text_of(response, "apercu-membre"),
        "Ce que voit un visiteur": value in text_of(response, "apercu-visiteur"),
    }
    expected = {
        "Ce que voit un autre membre": visibility != Visibility.COORDINATORS,
        "Ce que voit un visiteur": visibility == Visibility.PUBLIC,
    }
    assert observed == expected


@pytest.mark.django_db
def test_a_visitor_cannot_open_a_profile_page(client):
    subject = make_subject("bio", Visibility.PUBLIC)
    response = client.get(reverse("members:profile", args=[subject.user.public_id]))
    assert response.status_code == 302
    assert VALUES["bio"] not in response.content.decode()


@pytest.mark.django_db
def test_public_is_offered_only_for_display_name_skills_and_bio():
    offering_public = {
        field.key
        for field in privacy.FIELDS
        if Visibility.PUBLIC in dict(privacy.allowed_choices(field))
    }
    assert offering_public == {"display_name", "skills", "bio"}


# --- Help requests: one name for a person on the contact box and in the thread (R-C10) ----------

CONTACT_CASES = [
    pytest.param(key, visibility, id=f"{key}-{visibility}")
    for key in ("display_name", "name", "email", "phone")
    for visibility, _label in privacy.allowed_choices(privacy.FIELDS_BY_KEY[key])
]
SIDES = ("the helper reads the member", "the member reads the helper")


def the_other_side(helper):
    user = UserFactory(
        roles=[roles.MEMBERS, roles.HELPERS] if helper else [roles.MEMBERS],
        first_name="Lecteur",
        last_name="Témoin",
    )
    Profile.objects.create(user=user, status=MembershipStatus.ACTIVE, display_name="Lectrice")
    return user


def taken_request(member, helper):
    """A request of `member`, taken by `helper`, with a message from each; the member asked to
    be written to, without a call-back number, so that a phone shown is the profile's."""
    by = with_second_factor(coordinator())
    request = requests.submit_request(
        by=member, data=request_data(theme=ThemeFactory(), channel="email", callback_phone="")
    )
    requests.acknowledge_request(request=request, by=by)
    requests.accept_request(request=request, by=by, promised_by=in_days(10))
    requests.route_request(request=request, by=by, helpers=[helper])
    routing = Routing.objects.get(request=request, helper=helper)
    requests.accept_routing(routing=routing, by=helper)
    requests.post_message(request=request, by=member, body="Bonjour, voici ma situation.")
    requests.post_message(request=request, by=helper, body="Bonjour, je vous lis.")
    return request, routing


def request_page(request, reader_is_helper):
    name = "helprequests:helper_brief" if reader_is_helper else "helprequests:detail"
    return reverse(name, kwargs={"public_id": request.public_id})


def contact_name(soup):
    """The name in the contact box: the one "Nom" entry of the page."""
    names = [dt.find_next_sibling("dd").get_text(strip=True) for dt in soup.find_all("dt")]
    labels = [dt.get_text(strip=True) for dt in soup.find_all("dt")]
    shown = [name for label, name in zip(labels, names, strict=True) if label == "Nom"]
    assert len(shown) == 1, shown
    return shown[0]


def thread_names(soup):
    """The names of the thread's authors other than the reader ("Vous")."""
    return {strong.get_text(strip=True) for strong in soup.select(".thread-meta strong")} - {"Vous"}


def expected_name(key, visibility):
    """How another member names the subject: display name, else name, else a neutral label."""
    if visibility == Visibility.COORDINATORS or key not in NAMING:
        return "Membre du réseau"
    return VALUES["display_name"] if key == "display_name" else f"Philomène {VALUES['name']}"


def subject_and_reader(key, visibility, side):
    subject = make_subject(key, visibility).user
    reader_is_helper = side == SIDES[0]
    reader = the_other_side(helper=reader_is_helper)
    if reader_is_helper:
        member, helper = subject, reader
    else:
        subject.groups.add(Group.objects.get(name=roles.HELPERS))
        member, helper = reader, subject
    request, routing = taken_request(member, helper)
    return request, routing, member, helper, reader, reader_is_helper


@pytest.mark.django_db
@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize(("key", "visibility"), CONTACT_CASES)
def test_a_request_names_the_other_side_in_its_contact_box_as_in_its_thread(
    client_for, key, visibility, side
):
    request, routing, member, helper, reader, reader_is_helper = subject_and_reader(
        key, visibility, side
    )
    client = client_for(reader)
    url = request_page(request, reader_is_helper)

    before = client.get(url).content.decode()
    for hidden in ("display_name", "name", "email", "phone"):
        assert VALUES[hidden] not in before, hidden  # no contact, and a role in the thread

    requests.give_member_consent(routing=routing, by=member)
    requests.give_helper_consent(routing=routing, by=helper)
    soup = BeautifulSoup(client.get(url).content, "html.parser")

    subject = helper if reader is member else member
    named = privacy.person_for(reader, subject).name
    assert named == expected_name(key, visibility)
    assert contact_name(soup) == named
    assert thread_names(soup) == {named}
    # With both consents, the e-mail and the phone pass whatever their visibility on the profile.
    page = soup.get_text(" ")
    assert VALUES["email"] in page
    assert VALUES["phone"] in page


@pytest.mark.django_db
@pytest.mark.parametrize("side", SIDES)
def test_a_request_shows_a_phone_or_an_e_mail_only_through_the_presenter_s_contact(
    client_for, monkeypatch, side
):
    """The phone and the e-mail are visible to members on this profile and both consents are
    given: if the presenter withholds its contact entry, the request's page shows neither, so
    no page reads them some other way."""
    request, routing, member, helper, reader, reader_is_helper = subject_and_reader(
        "phone", Visibility.MEMBERS, side
    )
    Profile.objects.filter(user=helper if reader is member else member).update(
        email_visibility=Visibility.MEMBERS
    )
    requests.give_member_consent(routing=routing, by=member)
    requests.give_helper_consent(routing=routing, by=helper)
    client = client_for(reader)
    url = request_page(request, reader_is_helper)
    page = client.get(url).content.decode()
    assert VALUES["phone"] in page and VALUES["email"] in page

    presenter = privacy.person_for

    def without_consent(*args, **kwargs):
        return presenter(*args, **{**kwargs, "contact_shared": False})

    monkeypatch.setattr(privacy, "person_for", without_consent)
    page = client.get(url).content.decode()
    assert VALUES["phone"] not in page
    assert VALUES["email"] not in page
