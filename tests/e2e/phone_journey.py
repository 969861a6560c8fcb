"""Phone first (issue #17, item 1): a member and a coordinator on a 375 px screen reach every
entry of "Mon espace", and the directory, the help form and their own pages fit the screen with
no serious accessibility finding; the header holds on one desktop line at 1280 px."""

from tests.e2e.helprequest_journey import _log_in
from tests.e2e.phone import PHONE, assert_works_on_a_phone, off_screen

MEMBER_EMAIL = "membre@relais.test"
DESKTOP = {"width": 1280, "height": 800}
MEMBER_PAGES = (
    "/",
    "/membres/annuaire/",
    "/demandes/demander/",
    "/demandes/",
    "/entretiens/",
    "/inscriptions/",
    "/forum/",
    "/membres/mes-donnees/",
)


def _menu_entries_are_on_screen(page):
    page.locator("header details.account-menu > summary").click()
    links = page.locator("header details.account-menu ul a")
    assert links.count() >= 8
    width = page.viewport_size["width"]
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (
            links.nth(index).inner_text(),
            box,
        )
    page.locator("header details.account-menu > summary").click()


def a_member_on_a_phone_reaches_every_entry_and_every_page_fits(live_server, browser):
    base = live_server.url
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(base + "/")
    assert_works_on_a_phone(page)
    _log_in(page, base, MEMBER_EMAIL)
    _menu_entries_are_on_screen(page)
    for path in MEMBER_PAGES:
        page.goto(base + path)
        assert_works_on_a_phone(page)
    context.close()

    desktop = browser.new_context(locale="fr-FR", viewport=DESKTOP).new_page()
    _log_in(desktop, base, MEMBER_EMAIL)
    for path in ("/", "/membres/annuaire/"):
        desktop.goto(base + path)
        assert off_screen(desktop) == [], path
        header = desktop.locator("header .header-inner").bounding_box()
        assert header["height"] < 140, header  # one line of tools, not half the screen
    desktop.context.close()
