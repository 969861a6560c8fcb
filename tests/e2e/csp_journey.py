"""Under the Content-Security-Policy, the public site, the members' pages and Wagtail's admin
work and the browser reports no violation (security issue, item 11).

An editor logs in through the real flow (password, then the code of their authenticator app),
opens the page explorer, edits a resource: the rich-text editor loads, an attachment is added
through the document chooser, and the draft is saved.
"""

import re

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect
from wagtail.documents import get_document_model

from home.models import ResourceIndexPage, ResourcePage
from members.models import User
from tests.e2e.helprequest_journey import _log_in, log_in_with_second_factor

EDITOR_EMAIL = "edition@relais.test"
MEMBER_EMAIL = "membre2@relais.test"
# The browser tells the page about each blocked script or style; the page says it on the console.
WARNINGS = ("Content Security Policy", "CSP violation", "Permissions-Policy")
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
});
"""


def _watched(browser, violations):
    context = browser.new_context(locale="fr-FR")
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)

    def record(message):
        text = message.text
        if any(warning in text for warning in WARNINGS):
            violations.append(f"{page.url}: {text}")

    page.on("console", record)
    return page


def _visit(page, base, paths):
    for path in paths:
        response = page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path


def _public_resource():
    return ResourcePage.objects.live().public().order_by("path").first()


def public_member_and_admin_pages_work_under_the_policy_without_any_violation(live_server, browser):
    base = live_server.url
    violations = []
    resource = _public_resource()

    # --- A visitor and a member walk the site. -------------------------------------------------
    visitor = _watched(browser, violations)
    _visit(visitor, base, ["/", resource.url, "/recherche/?q=conflit", "/compte/login/"])
    visitor.context.close()

    member = _watched(browser, violations)
    _log_in(member, base, MEMBER_EMAIL)
    _visit(
        member,
        base,
        [
            "/",
            resource.url,
            "/recherche/?q=conflit",
            "/membres/profil/",
            "/membres/annuaire/",
            "/demandes/demander/",
            "/demandes/",
            "/forum/",
            "/compte/2fa/",
        ],
    )
    member.context.close()

    # --- An editor logs in with their second factor and edits a page. -------------------------
    secret = generate_totp_secret()
    TOTP.activate(User.objects.get(email=EDITOR_EMAIL), secret)
    editor = _watched(browser, violations)
    log_in_with_second_factor(editor, base, EDITOR_EMAIL, secret, next_path="/admin/")
    assert editor.url.endswith("/admin/")

    library = ResourceIndexPage.objects.live().first()
    editor.goto(base + f"/admin/pages/{library.pk}/")
    editor.get_by_role("link", name=resource.title).first.click()
    editor.wait_for_url(re.compile(rf"/admin/pages/{resource.pk}/edit/$"))
    editor.wait_for_load_state("networkidle")
    rich_text = editor.locator(".Draftail-Editor [contenteditable=true]").first
    rich_text.click()
    editor.keyboard.type(" Mise à jour de la fiche.")

    editor.locator("#id_attachments-ADD").click()
    editor.get_by_role("button", name=re.compile("Choisir un document")).last.click()
    document = get_document_model().objects.order_by("pk").first()
    editor.locator(".modal").get_by_role("link", name=document.title, exact=True).click()
    expect(editor.locator("#id_attachments-0-document-title")).to_have_text(document.title)

    with editor.expect_navigation():
        editor.get_by_role("button", name="Enregistrer le brouillon").click()
    editor.wait_for_load_state("networkidle")
    assert editor.locator(".messages .success").count() == 1
    _visit(editor, base, ["/admin/"])  # leave the editor before closing: no save in flight
    editor.context.close()

    assert violations == [], "\n".join(violations)
