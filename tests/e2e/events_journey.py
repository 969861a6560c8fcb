"""The last seat of a training, in two browsers (R-C14).

A member takes the last seat of the demo training; a second member, on a phone-sized screen,
finds it full and joins the waiting list; the first cancels; the second is promoted, told by
e-mail, and sees the seat on the event page and in "Mes événements".
"""

import re

from tests.e2e.helprequest_journey import _log_in, _main_text, _person

FIRST_EMAIL = "membre@relais.test"
SECOND_EMAIL = "membre2@relais.test"
TRAINING = "/evenements/formation-accueillir-une-demande/"


def _fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def a_member_takes_the_last_seat_and_the_next_one_is_promoted_when_it_frees(
    live_server, browser, mailbox
):
    base = live_server.url

    first = _person(browser)
    _log_in(first, base, FIRST_EMAIL)
    first.goto(base + TRAINING)
    assert "1 place libre" in _main_text(first)
    first.get_by_role("button", name="M’inscrire", exact=True).click()
    first.wait_for_load_state()
    assert "Vous êtes inscrit·e à cet événement." in _main_text(first)
    assert "Complet" in _main_text(first)

    second = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800}).new_page()
    second.set_default_timeout(15_000)
    _log_in(second, base, SECOND_EMAIL)
    second.goto(base + TRAINING)
    assert _fits_the_screen(second)
    second.get_by_role("button", name="M’inscrire en liste d’attente").click()
    second.wait_for_load_state()
    assert "Vous êtes en liste d’attente (rang 1)" in _main_text(second)

    mailbox.clear()
    first.get_by_role("button", name="Annuler mon inscription").click()
    first.wait_for_load_state()
    assert "Votre inscription est annulée." in _main_text(first)

    second.reload()
    assert "Vous êtes inscrit·e à cet événement." in _main_text(second)
    told = [m for m in mailbox if m["To"] == SECOND_EMAIL]
    assert len(told) == 1 and "Une place s’est libérée" in told[0]["Subject"]
    assert TRAINING in told[0].get_content()

    second.goto(base + "/inscriptions/")
    assert "Formation : accueillir une demande d’aide" in _main_text(second)
    assert _fits_the_screen(second)
    second.get_by_role("link", name="Formation : accueillir une demande d’aide").click()
    second.wait_for_url(re.compile(re.escape(TRAINING) + "$"))
