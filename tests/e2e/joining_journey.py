"""A newcomer joins, hides their phone, and another member neither sees nor finds it (issue #4)."""

import re

from members.models import MembershipMode, MembershipSettings
from tests.e2e.demo import PASSWORD

PHONE = "06 41 27 93 58"


def _confirmation_link(mailbox):
    for message in reversed(mailbox):
        body = message.get_payload(decode=True) if not message.is_multipart() else None
        if body is None:
            body = message.get_payload(0).get_payload(decode=True)
        match = re.search(rb"https?://\S+/compte/confirm-email/\S+", body)
        if match:
            return match.group(0).decode()
    raise AssertionError("no confirmation e-mail was caught")


def _log_in(page, base_url, email):
    page.goto(base_url + "/compte/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe", exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()


def newcomer_joins_hides_their_phone_and_another_member_cannot_see_or_find_it(
    live_server, browser, mailbox
):
    network = MembershipSettings.load()
    network.mode = MembershipMode.OPEN
    network.save()

    newcomer = browser.new_context(locale="fr-FR").new_page()
    newcomer.set_default_timeout(15_000)

    newcomer.goto(live_server.url + "/compte/signup/")
    newcomer.fill('input[name="email"]', "nouvelle@relais.test")
    newcomer.fill('input[name="password1"]', PASSWORD)
    newcomer.fill('input[name="password2"]', PASSWORD)
    newcomer.locator("form").get_by_role("button").last.click()
    newcomer.wait_for_url(re.compile(r"/compte/confirm-email/"))

    newcomer.goto(_confirmation_link(mailbox).replace("http://testserver", live_server.url))
    newcomer.locator("main form").get_by_role("button").last.click()
    newcomer.wait_for_url(re.compile(r"/membres/adhesion/questionnaire/"))

    newcomer.fill('input[name="first_name"]', "Nadia")
    newcomer.fill('input[name="last_name"]', "Rivière")
    newcomer.fill('input[name="phone"]', PHONE)
    newcomer.fill('input[name="job_title"]', "Cheffe de projet")
    newcomer.check('input[name="phone_visibility"][value="members"]')
    newcomer.get_by_role("button", name="Continuer vers les conditions d’adhésion").click()

    newcomer.wait_for_url(re.compile(r"/membres/adhesion/conditions/"))
    newcomer.get_by_label("J’ai lu ces conditions et je les accepte.").check()
    newcomer.get_by_role("button", name="Accepter et envoyer ma demande").click()
    newcomer.wait_for_load_state()

    newcomer.goto(live_server.url + "/membres/confidentialite/")
    newcomer.check('input[name="phone_visibility"][value="coordinators"]')
    newcomer.get_by_role("button", name="Enregistrer mes choix").click()
    newcomer.wait_for_load_state()
    assert (
        PHONE not in newcomer.locator("main").inner_text().split("Ce que voit un autre membre")[-1]
    )

    other = browser.new_context(locale="fr-FR").new_page()
    other.set_default_timeout(15_000)
    _log_in(other, live_server.url, "membre2@relais.test")
    other.wait_for_url(re.compile(r"^(?!.*/compte/login/).*$"))

    other.goto(live_server.url + "/membres/annuaire/?q=Rivi%C3%A8re")
    assert "Rivière" in other.locator("main").inner_text()
    other.locator("main").get_by_role("link", name=re.compile("Rivière")).first.click()
    other.wait_for_url(re.compile(r"/membres/annuaire/[0-9a-f-]{36}/"))
    assert PHONE not in other.content()

    other.goto(live_server.url + "/membres/annuaire/?q=" + PHONE.replace(" ", "+"))
    assert "Rivière" not in other.locator("main").inner_text()
    other.goto(live_server.url + "/membres/annuaire/?q=06+41+27")
    assert "Rivière" not in other.locator("main").inner_text()
