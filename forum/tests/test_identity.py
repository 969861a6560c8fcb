"""Forum names and author cards (issue #5, item 3): a pseudonym, and only what privacy allows."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forum import identity
from forum.models import ForumIdentity
from members.models import Organisation, Visibility
from members.services.joining import ensure_profile

from . import factories


def _topic_url(topic):
    forum = topic.forum
    return reverse(
        "forum_conversation:topic",
        kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk, "slug": topic.slug, "pk": topic.pk},
    )


def _private_author(user):
    # Names no factory draws at random, so that no other person on the page shares them.
    user.first_name, user.last_name = "Clémentine-Aube", "Vasseur-Quillac"
    user.save()
    profile = ensure_profile(user)
    profile.phone = "06 11 22 33 44"
    profile.job_title = "Directrice générale des services"
    profile.organisation = Organisation.objects.create(name="Mairie de Saint-Exemple")
    profile.display_name = "Clémentine-Aube V."
    for field in ("name", "email", "phone", "organisation", "display_name"):
        setattr(profile, f"{field}_visibility", Visibility.COORDINATORS)
    profile.job_title_visibility = Visibility.MEMBERS
    profile.save()
    return user


def test_a_first_visit_gives_a_neutral_generated_name(client_for, member):
    client_for(member).get(reverse("forum:index"))
    name = ForumIdentity.objects.get(user=member).display_name
    assert name.startswith("Membre ")
    assert member.email not in name and member.last_name not in name


def test_a_member_chooses_a_pseudonym_unique_whatever_the_case(client_for, member, other_member):
    factories.named(other_member, "Tournesol")
    client = client_for(member)
    response = client.post(reverse("relais_forum:my_name"), {"display_name": "tournesol"})
    assert response.status_code == 400
    assert "déjà pris" in response.content.decode()
    response = client.post(reverse("relais_forum:my_name"), {"display_name": "Plume"})
    assert response.status_code == 302
    assert identity.display_name(member) == "Plume"


@pytest.mark.parametrize(
    "name", ["ab", "moi@exemple.fr", "Membre 1234", "Ancien membre", "12345", "<b>gras</b>"]
)
def test_names_that_mislead_or_reveal_are_refused(member, name):
    with pytest.raises(ValidationError):
        identity.validate_display_name(name, user=member)


def test_the_topic_page_shows_the_pseudonym_and_nothing_the_author_hid(
    client_for, member, other_member, ordinary_forum
):
    author = factories.named(_private_author(other_member), "Tournesol", linked_to_profile=True)
    topic = factories.topic(ordinary_forum, poster=author, subject="Une question")
    page = client_for(member).get(_topic_url(topic)).content.decode()
    assert "Tournesol" in page
    assert "Directrice générale des services" in page  # shown to members by the author
    for hidden in (
        author.email,
        "Clémentine-Aube",
        "Vasseur-Quillac",
        "06 11 22 33 44",
        "Mairie de Saint-Exemple",
    ):
        assert hidden not in page


def test_the_card_shows_nothing_of_the_profile_unless_the_author_links_it(
    client_for, member, other_member, ordinary_forum
):
    author = factories.named(_private_author(other_member), "Tournesol", linked_to_profile=False)
    topic = factories.topic(ordinary_forum, poster=author, subject="Une question")
    page = client_for(member).get(_topic_url(topic)).content.decode()
    assert "Tournesol" in page
    assert "Directrice générale des services" not in page
    assert str(author.public_id) not in page  # no way from the pseudonym to the directory


def test_organisation_shown_when_the_author_shows_it_to_members(
    client_for, member, other_member, ordinary_forum
):
    author = factories.named(_private_author(other_member), "Tournesol", linked_to_profile=True)
    profile = author.profile
    profile.organisation_visibility = Visibility.MEMBERS
    profile.save()
    topic = factories.topic(ordinary_forum, poster=author, subject="Une question")
    assert "Mairie de Saint-Exemple" in client_for(member).get(_topic_url(topic)).content.decode()


def test_member_pages_use_the_forum_id_and_the_pseudonym(
    client_for, member, other_member, ordinary_forum
):
    author = factories.named(_private_author(other_member), "Tournesol")
    factories.topic(ordinary_forum, poster=author, subject="Une question")
    forum_id = author.forum_identity.public_id
    client = client_for(member)
    for url in (
        reverse("forum_member:profile", args=[forum_id]),
        reverse("forum_member:user_posts", args=[forum_id]),
    ):
        page = client.get(url).content.decode()
        assert "Tournesol" in page
        assert author.email not in page and "Vasseur-Quillac" not in page
    assert client.get(reverse("forum_member:profile", args=[author.public_id])).status_code == 404


def test_machina_names_members_by_their_forum_name(other_member):
    from machina.core.loading import get_class

    name_of = get_class("forum_member.shortcuts", "get_forum_member_display_name")
    factories.named(other_member, "Tournesol")
    assert name_of(other_member) == "Tournesol"


def test_a_new_identity_does_not_show_the_member_card(client_for, member):
    member.first_name, member.last_name = "Camille", "Martin"
    member.save()
    client = client_for(member)
    client.get(reverse("forum:index"))
    created = ForumIdentity.objects.get(user=member)
    assert created.linked_to_profile is False
    assert "Camille" not in created.display_name and "Martin" not in created.display_name
    page = client.get(reverse("relais_forum:my_name")).content.decode()
    checkbox = page.split('name="linked_to_profile"', 1)[1].split(">", 1)[0]
    assert "checked" not in checkbox
    assert "relié à votre fiche de membre" in page


def test_the_demo_names_are_pseudonyms_without_member_cards(db):
    import io

    from forum import demo
    from members import demo as members_demo

    members_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    identities = ForumIdentity.objects.select_related("user")
    assert identities.exists()
    for item in identities:
        assert item.linked_to_profile is False
        for part in (item.user.first_name, item.user.last_name):
            if part:
                assert part.casefold() not in item.display_name.casefold()
