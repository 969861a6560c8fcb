"""Content-Security-Policy and Permissions-Policy (portal/headers.py), read from the headers of
real pages: the public site, the members' pages and Wagtail's admin."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from members.tests import factories as people
from portal.headers import is_wagtail_initialiser

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site_tree")]

DENIED = ("camera", "microphone", "geolocation", "payment", "usb")


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def as_member(client_for, member):
    return client_for(member)


@pytest.fixture
def as_editor(client_for):
    return client_for(people.with_second_factor(people.editor()))


# --- The site: our own scripts and styles only ----------------------------------------------


def test_a_public_page_allows_only_the_sites_own_scripts_and_styles(client, site_tree):
    response = client.get(site_tree.home.url)

    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/membres/profil/", "/demandes/", "/recherche/?q=aide"])
def test_members_pages_carry_the_same_policy_without_unsafe_inline(as_member, site_tree, path):
    response = as_member.get(path)

    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_login_page_carries_the_policy(client, site_tree):
    response = client.get("/compte/login/")

    assert policy(response)["form-action"] == ["'self'"]


OUR_TEMPLATE_DIRS = [
    settings.BASE_DIR / app / "templates" for app in ("portal", "home", "members", "helprequests")
] + [settings.BASE_DIR / "forum"]
# A data block (type="application/json", read by allauth's recovery-codes script) is not run.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE
)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=|<style", re.IGNORECASE)


def test_no_template_of_ours_holds_an_inline_script_handler_or_style():
    offending = []
    for directory in OUR_TEMPLATE_DIRS:
        for template in Path(directory).rglob("*.html"):
            text = template.read_text()
            for pattern in (INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTRIBUTE):
                if pattern.search(text):
                    offending.append(f"{template}: {pattern.pattern}")
    assert offending == []


# --- Permissions-Policy ------------------------------------------------------------------------


def test_every_kind_of_page_denies_camera_microphone_location_payment_and_usb(
    client, as_member, as_editor, site_tree
):
    answers = [
        client.get(site_tree.home.url),
        as_member.get("/membres/profil/"),
        as_editor.get("/admin/"),
    ]
    for response in answers:
        assert response.status_code == 200
        features = dict(
            item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
        )
        assert all(features[feature] == "()" for feature in DENIED)


# --- Wagtail's admin: its own inline initialisers carry the nonce, nothing else ---------------


def test_the_admin_page_editor_allows_no_inline_script_but_wagtails_own_with_the_nonce(
    as_editor, site_tree
):
    response = as_editor.get(f"/admin/pages/{site_tree.public_news.pk}/edit/")

    assert response.status_code == 200
    script_sources = policy(response)["script-src"]
    assert "'unsafe-inline'" not in script_sources
    [nonce] = [source for source in script_sources if source.startswith("'nonce-")]
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", html)
    assert len(inline) >= 3  # the news date and the two publishing dates
    assert all(f'nonce="{nonce[7:-1]}"' in attributes for attributes in inline)
    assert response["Content-Length"] == str(len(response.content))


def test_the_admin_allows_inline_styles_and_framing_by_itself_only(as_editor, site_tree):
    directives = policy(as_editor.get("/admin/"))

    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.parametrize(
    "body",
    [
        'initDateChooser("id_date", {"dayOfWeekStart": 1, "format": "Y-m-d"});',
        'new DocumentChooser("id_doc", {"modalUrl": "/admin/documents/chooser/"});',
        '(function() {\n  var panel = new InlinePanel(JSON.parse("{\\u0022type\\u0022: 1}"));\n'
        "})();",
    ],
)
def test_wagtails_own_initialisers_are_recognised(body):
    assert is_wagtail_initialiser(body)


@pytest.mark.parametrize(
    "body",
    [
        "alert(document.cookie)",
        'initDateChooser("id_date", {}); alert(1);',
        "initDateChooser(alert(1))",
        'initDateChooser("id_date", NaN);',
        'fetch("/membres/annuaire/", {"method": "GET"});',
        '(function() { var panel = new InlinePanel(JSON.parse("x" + alert(1))); })();',
        '(function() { var panel = new Evil(JSON.parse("{}")); })();',
    ],
)
def test_any_other_inline_script_is_left_without_the_nonce(body):
    assert not is_wagtail_initialiser(body)
