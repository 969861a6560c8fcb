"""Nothing a member writes runs in another member's browser (issue #5, item 7).

Each payload is posted through the real topic-creation page, then the topic page is parsed as a
browser would (html.parser): no script but the portal's own, no on* attribute, no
javascript:/data: URL, no iframe, object, embed or svg element.
"""

from html.parser import HTMLParser

import pytest

from forum.moderation.markup import render
from forum.moderation.models import ForumModerationSettings
from members.tests.factories import member

from . import factories
from .posting import post_topic, topic_url

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](&#106;avascript:alert(1))",
    "[clic](&#x6A;&#x61;vascript:alert(1))",
    "[clic](java\tscript:alert(1))",
    '<a href="javascript:alert(1)">clic</a>',
    '<a href="#" onclick="alert(1)">clic</a>',
    '<p onmouseover="alert(1)">survol</p>',
    "<img src=x onerror=alert(1)>",
    '![x](x" onerror="alert(1))',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "[donnée](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    "[ref][1]\n\n[1]: javascript:alert(1)",
    '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    "`<script>alert(1)</script>` et\n\n    <script>alert(1)</script>",
]
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "svg", "math", "frame", "base"}


class ActiveHtml(HTMLParser):
    """Collects what would run or load: scripts, handlers, dangerous URLs and elements."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append(("script", src))
            self._in_script = True
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(("element", tag))
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(("handler", name))
            if name.lower() in ("href", "src", "action", "formaction", "data", "xlink:href"):
                cleaned = "".join((value or "").split()).lower()
                if cleaned.startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(("url", value))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.problems.append(("inline script", data))


def active_parts(html):
    parser = ActiveHtml()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_leaves_nothing_active(payload):
    assert active_parts(render(payload)) == []


def test_the_renderer_keeps_ordinary_formatting():
    html = render("**gras**, *italique*, [un lien](https://exemple.org) et `code`\n\n- un\n- deux")
    assert "<strong>gras</strong>" in html
    assert '<a href="https://exemple.org"' in html
    assert "<li>un</li>" in html


def test_an_image_is_never_embedded_but_linked_with_its_description():
    html = render('![plan <b>"A"</b>](https://exemple.org/plan.png)')
    assert "<img" not in html
    assert '<a href="https://exemple.org/plan.png"' in html
    assert "plan &lt;b&gt;&quot;A&quot;&lt;/b&gt;" in html


def test_an_image_from_a_data_url_links_nowhere():
    html = render("![image](data:image/png;base64,AAAA)")
    assert "data:" not in html
    assert '<a href="#"' in html


@pytest.fixture
def trusted_author(db):
    """Threshold 0: posts are published at once, so other members see them."""
    settings = ForumModerationSettings.load()
    settings.approval_threshold = 0
    settings.save()
    return member(email="auteur@relais.test")


def test_payloads_posted_through_the_forum_are_inert_on_the_topic_page(
    forum, trusted_author, other_member, client_for
):
    author = client_for(trusted_author)
    for number, payload in enumerate(PAYLOADS):
        response = post_topic(
            author,
            forum,
            subject=f"Essai {number} <script>alert(1)</script>",
            content=f"{payload}\n\nMarqueur {number}.",
        )
        assert response.status_code == 302, response.content.decode()[:500]
    topics = factories.Topic.objects.filter(forum=forum)
    assert topics.count() == len(PAYLOADS)
    reader = client_for(other_member)
    for topic in topics.select_related("forum"):
        assert topic.approved
        page = reader.get(topic_url(topic))
        assert page.status_code == 200
        number = topic.subject.split()[1]
        assert f"Marqueur {number}." in page.content.decode()  # the post is on the page
        assert active_parts(page.content.decode()) == [], topic.first_post.content.raw


def test_the_preview_renders_the_post_as_it_will_be_published(forum, newcomer, client_for):
    response = post_topic(
        client_for(newcomer), forum, subject="Essai", content="Un **test**", preview="1"
    )
    assert response.status_code == 200
    html = response.content.decode()
    preview = html.split('class="post-preview"', 1)[1].split("</section>", 1)[0]
    assert "<p>Un <strong>test</strong></p>" in preview
    assert "&lt;" not in preview


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_preview_leaves_nothing_active(forum, newcomer, client_for, payload):
    response = post_topic(
        client_for(newcomer), forum, subject="Essai", content=payload, preview="1"
    )
    preview = response.content.decode().split('class="post-preview"', 1)[1].split("</section>")[0]
    assert active_parts(preview) == []
