"""No page answers bad input with a server error (security issue, item 8).

An attacker sends whatever they like: full-text search syntax, quotes, a NUL byte, huge strings,
nonsense page numbers, ids that do not exist. Every GET route of the portal (ours and machina's,
found by walking the URL resolver as portal/tests/test_access.py does) and every CMS page is
requested by each kind of visitor with such query strings, with ids of real objects and with ids
that do not exist: the answer may be a refusal or "not found", never a 500. The ids and slugs of
existing objects come from a small world built once for the module: the CMS tree, a forum with
a topic, a reply and a post waiting for approval, a help request in progress with a message and
an attachment, a moderation report.
"""

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client
from django.urls import get_resolver, reverse

from forum.identity import ensure_identity
from forum.moderation import services as moderation
from forum.moderation.tests.posting import topic_url
from forum.tests import factories as forum_factories
from helprequests import services as helprequests
from helprequests.models import Status
from helprequests.tests.factories import Cast
from home.tests.factories import build_site_tree, make_document
from members.tests import factories as people
from portal.tests.test_access import _walk as walk
from tests.shared_data import rolled_back_when_done

MISSING_INT = "987654"
MISSING_UUID = str(uuid.UUID(int=12345))

# Every name the portal's GET views read from the query string (grep "request.GET" and the
# filter forms), plus machina's.
PARAMETERS = (
    "q",
    "page",
    "theme",
    "kind",
    "tag",
    "next",
    "status",
    "urgent",
    "organisation",
    "skill",
    "version",
    "coordinateur",
    "action",
    "post",
    "view_results",
    "change_vote",
    "search_topics",
    "search_poster_name",
    "search_forums",
)

HOSTILE_VALUES = (
    '"',
    "'",
    "\x00",
    "*",
    'NEAR("a" "b")',
    "a OR NOT",
    "(",
    "col:val^",
    "-1",
    "abc",
    "99999999999999999999",
    "%\\",
    "\u202e\u200b<script>",
    "x" * 1000,
)

# Routes not walked here: the Wagtail admin and allauth's account pages are the libraries' own
# (portal/access.py LIBRARY_ROUTES); the page tree is requested through real page URLs below.
SKIPPED_PREFIXES = ("admin/", "compte/", "^((?:")

_PLACEHOLDER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


class World:
    """The objects whose ids fill the routes, and the people who request them."""

    def __init__(self):
        self.site = build_site_tree()
        self.document = make_document()
        self.cast = Cast.create()
        self.cast.editor = people.with_second_factor(self.cast.editor)
        self.request = self.cast.request_in(Status.IN_PROGRESS)
        helprequests.post_message(
            request=self.request,
            by=self.cast.member,
            body="Un message.",
            files=[SimpleUploadedFile("note.txt", b"Une note.", content_type="text/plain")],
        )
        self.forum = forum_factories.forum("Relations de travail")
        self.topic = forum_factories.topic(self.forum, poster=self.cast.member)
        self.reply = forum_factories.reply(self.topic, poster=self.cast.other_member)
        self.waiting = forum_factories.reply(
            self.topic, poster=self.cast.other_member, approved=False
        )
        moderation.report_post(post=self.reply, by=self.cast.member, reason="other")

    def topic_url(self):
        return topic_url(self.topic)

    def candidates(self, converter, name):
        """The values one placeholder takes: ids of real objects, then one that does not exist."""
        if converter == "uuid":
            real = {"member_id": [self.cast.member.public_id]}.get(
                name, [self.request.public_id, self.cast.member.public_id]
            )
            return [str(value) for value in real] + [MISSING_UUID]
        if converter == "int":
            real = {
                "forum_pk": [self.forum.pk],
                "topic_pk": [self.topic.pk],
                "post_id": [self.reply.pk],
            }.get(name, [self.forum.pk, self.topic.pk, self.reply.pk, self.waiting.pk])
            return [str(value) for value in real] + [MISSING_INT]
        real = {"forum_slug": self.forum.slug, "topic_slug": self.topic.slug}.get(
            name, self.topic.slug
        )
        return [real, "inconnu"]

    def urls(self):
        """Every GET route with real ids and with missing ones, and every CMS page."""
        urls = set()
        for route, _view in walk(get_resolver().url_patterns):
            if route.startswith(SKIPPED_PREFIXES):
                continue
            route = route.replace("^", "").replace("$", "")
            placeholders = list(_PLACEHOLDER.finditer(route))
            # One URL per candidate of each placeholder, the others keeping their first value.
            variants = [{}]
            for match in placeholders:
                for value in self.candidates(match["converter"], match["name"])[1:]:
                    variants.append({match.start(): value})
            for variant in variants:
                urls.add(
                    "/"
                    + _PLACEHOLDER.sub(
                        lambda m, variant=variant: variant.get(
                            m.start(), self.candidates(m["converter"], m["name"])[0]
                        ),
                        route,
                    )
                )
        urls = {url for url in urls if "(" not in url}
        urls |= {
            reverse("forum:forum", kwargs={"slug": self.forum.slug, "pk": self.forum.pk}),
            self.topic_url(),
            f"/forum/member/profile/{ensure_identity(self.cast.member).public_id}/",
            f"/membres/organisations/{self.cast.organisation.public_id}/",
            f"/documents/{self.document.pk}/{self.document.filename}",
            f"/documents/{MISSING_INT}/inconnu.pdf",
            f"/media/{self.document.file.name}",
            "/media/documents/inconnu.pdf",
        }
        urls |= {page.url for page in [self.site.home, *self.site.home.get_descendants()]}
        return sorted(urls)

    def visitors(self):
        cast = self.cast
        return {
            "anonymous": None,
            "member": cast.member,
            "helper": cast.helper,
            "coordinator": cast.coordinator,
            "moderator": cast.moderator,
            "editor": cast.editor,
        }


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world is built once for the module's tests (tests/shared_data.py): they only read it,
    and what a request writes (a session, a log line) is rolled back after each test."""
    with rolled_back_when_done(django_db_blocker):
        yield World()


@pytest.fixture
def world(db, shared_world):
    return shared_world


def _client(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


VISITORS = ("anonymous", "member", "helper", "coordinator", "moderator", "editor")


def hostile_queries():
    """Query strings that, between them, give every parameter every hostile value."""
    count = len(HOSTILE_VALUES)
    for shift in range(count):
        yield {
            name: HOSTILE_VALUES[(shift + index) % count] for index, name in enumerate(PARAMETERS)
        }


class _RecordingGET:
    """Stands for WSGIRequest.GET and notes the path of every request whose query string is read
    (by a view, a form or a selector), so that those are the ones fed every hostile value."""

    def __init__(self, original, readers):
        self.original = original
        self.readers = readers

    def __get__(self, request, owner=None):
        if request is None:
            return self
        self.readers.add(request.path)
        value = self.original.func(request)
        request.__dict__["GET"] = value  # later reads (and machina's reassignment) as before
        return value


@pytest.fixture
def query_readers(monkeypatch):
    readers = set()
    original = WSGIRequest.__dict__["GET"]
    monkeypatch.setattr(WSGIRequest, "GET", _RecordingGET(original, readers))
    return readers


@pytest.mark.parametrize("visitor", VISITORS)
def test_no_get_route_answers_a_server_error_to_hostile_input(world, visitor, query_readers):
    """Every route with real and missing ids once; then every route that read its query string
    with every hostile value."""
    client = _client(world.visitors()[visitor])
    queries = list(hostile_queries())
    failures = []
    for url in world.urls():
        response = client.get(url, queries[0])
        if response.status_code >= 500:
            failures.append(f"{url} {queries[0]}: {response.status_code}")
    readers = sorted(query_readers)
    for url in readers:
        for query in queries[1:]:
            response = client.get(url, query)
            if response.status_code >= 500:
                failures.append(f"{url} {query}: {response.status_code}")
                break
    assert failures == []
    assert readers


def test_the_walk_requests_real_objects_and_missing_ones(world):
    urls = world.urls()
    assert f"/forum/tracking/mark/forum/{MISSING_INT}/topics/" in urls
    assert f"/forum/tracking/mark/forum/{world.forum.pk}/topics/" in urls
    assert world.topic_url() in urls
    assert f"/demandes/{world.request.public_id}/" in urls
    assert "/recherche/" in urls
    assert world.site.public_resources[0].url in urls
