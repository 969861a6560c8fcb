"""Forum search (issue #5, item 6): only approved posts of forums the searcher may read, and an
index that follows creation, edits and deletions (forum/search.py)."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from haystack import connections

from . import factories


@pytest.fixture(autouse=True)
def empty_index():
    connections["default"].get_backend().clear()
    yield
    connections["default"].get_backend().clear()


def _found(client, words):
    response = client.get(reverse("forum_search:search"), {"q": words})
    assert response.status_code == 200
    return _results(response)


def _results(response):
    """The list of results only (the search box repeats the words searched)."""
    page = response.content.decode()
    if 'class="search-results"' not in page:
        return ""
    return page.split('class="search-results"', 1)[1].split("</ol>", 1)[0]


def test_a_member_finds_published_posts_of_ordinary_forums(
    client_for, member, other_member, ordinary_forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.topic(ordinary_forum, poster=other_member, subject="Télétravail et solitude")
    assert "Télétravail et solitude" in _found(client_for(member), "solitude")


def test_helpers_only_content_is_found_by_helpers_and_no_one_else(
    client_for, member, helper, helpers_forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.topic(helpers_forum, poster=helper, subject="Supervision entre pairs")
    assert "Supervision entre pairs" in _found(client_for(helper), "supervision")
    assert "Supervision entre pairs" not in _found(client_for(member), "supervision")
    page = client_for(member).get(reverse("forum_search:search"), {"q": "supervision"})
    assert "Entre aidants" not in page.content.decode()


def test_posts_waiting_for_approval_are_not_indexed(
    client_for, member, other_member, ordinary_forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.topic(ordinary_forum, poster=other_member, subject="Brouillon", approved=False)
    assert "Brouillon" not in _found(client_for(member), "brouillon")
    assert "Brouillon" not in _found(client_for(other_member), "brouillon")


def test_the_index_follows_edits_and_deletions(
    client_for, member, other_member, ordinary_forum, django_capture_on_commit_callbacks
):
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        topic = factories.topic(ordinary_forum, poster=other_member, subject="Réunion")
        post = factories.reply(topic, poster=other_member, content="Parlons de calendrier")
    assert "calendrier" in _found(client, "calendrier")

    with django_capture_on_commit_callbacks(execute=True):
        post.content = "Parlons de budget"
        post.save()
    assert "calendrier" not in _found(client, "calendrier")
    assert "budget" in _found(client, "budget")

    with django_capture_on_commit_callbacks(execute=True):
        post.delete()
    assert "budget" not in _found(client, "budget")


def test_a_new_forum_name_reaches_the_index(
    client_for, member, other_member, ordinary_forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.topic(ordinary_forum, poster=factories.named(other_member, "Tournesol"))
    with django_capture_on_commit_callbacks(execute=True):
        from forum import identity

        identity.choose_display_name(user=other_member, name="Héliotrope", linked_to_profile=False)
    client = client_for(member)
    search = reverse("forum_search:search")
    found = client.get(search, {"q": "premier", "search_poster_name": "Héliotrope"})
    assert "Un sujet" in _results(found)
    found = client.get(search, {"q": "premier", "search_poster_name": "Tournesol"})
    assert "Un sujet" not in _results(found)


def test_a_full_rebuild_indexes_only_approved_posts(
    client_for, member, other_member, ordinary_forum
):
    factories.topic(ordinary_forum, poster=other_member, subject="Publié")
    factories.topic(ordinary_forum, poster=other_member, subject="Caché", approved=False)
    call_command("rebuild_index", interactive=False, verbosity=0)
    client = client_for(member)
    assert "Publié" in _found(client, "premier")
    assert "Caché" not in _found(client, "premier")


def test_results_show_plain_text_excerpts_without_markdown(
    client_for, member, other_member, ordinary_forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        topic = factories.topic(ordinary_forum, poster=other_member, subject="Horaires")
        factories.reply(
            topic,
            poster=other_member,
            content="## Nos horaires\n\nLe **mardi** et le *jeudi*, "
            "voir [le calendrier](/agenda/).",
        )
    results = _found(client_for(member), "calendrier")
    assert "Nos horaires Le mardi et le jeudi, voir le calendrier." in results
    for markup in ("**", "##", "](", "<strong>"):
        assert markup not in results


def test_words_set_in_bold_or_italics_are_found(
    client_for, member, other_member, ordinary_forum, django_capture_on_commit_callbacks
):
    """The index holds the post as plain text: "**mardi**" is the word "mardi"."""
    with django_capture_on_commit_callbacks(execute=True):
        topic = factories.topic(ordinary_forum, poster=other_member, subject="Permanences")
        factories.reply(topic, poster=other_member, content="Le **mardi** et le *jeudi* matin.")
    client = client_for(member)
    assert "Le mardi et le jeudi matin." in _found(client, "mardi")
    assert "Le mardi et le jeudi matin." in _found(client, "jeudi")


def test_the_search_form_speaks_plain_french_and_lists_forums_by_name(
    client_for, member, ordinary_forum
):
    page = client_for(member).get(reverse("forum_search:search")).content.decode()
    form = page.split('class="forum-search-page"', 1)[1].split("</form>", 1)[0]
    assert "Chercher seulement dans les titres des sujets" in form
    assert "Messages d’un membre" in form
    assert "Forums où chercher" in form
    assert "Relations de travail</label>" in form
    for awkward in ("des sujets des sujets", "Entrer un nom", "voudriez", " :</label>", "- "):
        assert awkward not in form
    assert form.rstrip().endswith("</button></p>")
