"""A visitor reads the public site, is stopped at a members-only resource, logs in and reads it."""

import re

from wagtail.models import PageViewRestriction

from home.models import CharterKind, ResourcePage
from home.selectors import current_charter
from tests.e2e.demo import PASSWORD


def _members_only_resource():
    restricted = PageViewRestriction.objects.filter(
        page__content_type__model="resourcepage"
    ).first()
    return ResourcePage.objects.get(pk=restricted.page_id)


def visitor_reads_a_charter_is_refused_a_members_resource_then_logs_in_and_reads_it(
    live_server, page
):
    terms = current_charter(CharterKind.MEMBERSHIP_TERMS)
    secret = _members_only_resource()

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("banner").get_by_role("link", name="Se connecter").is_visible()
    assert secret.title not in page.content()

    page.get_by_role("contentinfo").get_by_role("link", name="Conditions d’adhésion").click()
    page.wait_for_url(re.compile(re.escape(terms.url)))
    assert page.get_by_role("heading", level=1).inner_text() == terms.title
    assert terms.version_label in page.content()

    page.goto(live_server.url + secret.url)
    page.wait_for_url(re.compile(r"/compte/login/\?next="))
    assert secret.title not in page.content()

    page.get_by_label("E-mail").fill("membre@relais.test")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()

    page.wait_for_url(re.compile(re.escape(secret.url) + "$"))
    assert page.get_by_role("heading", level=1).inner_text() == secret.title
    assert "Réservé aux membres" in page.content()
