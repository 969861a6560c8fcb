"""The whole life of an urgent help request, in four browsers (issue #6).

A member asks for help; a coordinator (with a second factor) acknowledges the request, accepts
it with a promised date and offers it to a helper; the helper takes it without ever seeing who
asked; the member, then the helper, agree to exchange contact details and only then does the
helper see them; they write to each other; the helper files the outcome and resolves the
request; the member answers the questionnaire, which closes it, and the helper's access ends.
"""

import re
import time
from datetime import timedelta

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.utils import timezone

from helprequests.models import HelpRequest, Status
from members.models import User
from tests.e2e.demo import PASSWORD

MEMBER_EMAIL = "membre@relais.test"
MEMBER_NAME = "Camille Martin"
HELPER_EMAIL = "aidant@relais.test"
COORDINATOR_EMAIL = "coordination@relais.test"
CALLBACK_PHONE = "06 58 21 47 93"
SUBJECT = "Mise à l’écart depuis la réorganisation"
DESCRIPTION = (
    "Depuis la réorganisation de mon service, on ne me confie plus aucun dossier et je ne suis "
    "plus invitée aux réunions. Je ne sais pas comment en parler sans envenimer les choses."
)


def _person(browser):
    page = browser.new_context(locale="fr-FR").new_page()
    page.set_default_timeout(15_000)
    return page


def _log_in(page, base_url, email):
    page.goto(base_url + "/compte/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe", exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"^(?!.*/compte/login/).*$"))


def _coordinator_with_second_factor():
    """The demo coordinator (terms accepted, active member), given a TOTP device whose secret
    the test knows."""
    user = User.objects.get(email=COORDINATOR_EMAIL)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


# allauth accepts the code of the current period give or take MFA_TOTP_TOLERANCE periods (0 by
# default: the current one only), and each code once. A code computed in the last seconds of its
# period may reach the server in the next one: wait for a fresh period then, and when this secret
# already used the current period's code.
EDGE_SECONDS = 4
_USED = set()


def _current_code(secret):
    period = mfa_settings.TOTP_PERIOD
    while True:
        now = time.time()
        left = period - now % period
        counter = int(now) // period
        if (mfa_settings.TOTP_TOLERANCE or left > EDGE_SECONDS) and (secret, counter) not in _USED:
            break
        time.sleep(left + 0.1)
    _USED.add((secret, counter))
    return format_hotp_value(hotp_value(secret, counter))


def log_in_with_second_factor(page, base_url, email, secret, next_path="/"):
    """The real login of a role that needs a second factor: password, then the current code."""
    page.goto(f"{base_url}/compte/login/?next={next_path}")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe", exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/compte/2fa/authenticate/"))
    page.fill('input[name="code"]', _current_code(secret))
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_url(re.compile(r"^(?!.*/compte/).*$"))


def _main_text(page):
    return page.locator("main").inner_text()


def _assert_no_member_details(page):
    text = page.content()
    for detail in (MEMBER_NAME, MEMBER_EMAIL, CALLBACK_PHONE):
        assert detail not in text, detail


def a_member_asks_for_urgent_help_and_the_request_lives_until_it_is_closed(live_server, browser):
    base = live_server.url
    secret = _coordinator_with_second_factor()
    helper_id = User.objects.get(email=HELPER_EMAIL).pk

    # --- The member asks for help, urgently. -------------------------------------------------
    member = _person(browser)
    _log_in(member, base, MEMBER_EMAIL)
    member.goto(base + "/demandes/demander/")
    member.select_option('select[name="theme"]', index=1)
    member.fill('input[name="subject"]', SUBJECT)
    member.fill('textarea[name="description"]', DESCRIPTION)
    member.fill('input[name="since"]', "Trois semaines")
    member.fill('input[name="needed_by"]', (timezone.localdate() + timedelta(days=14)).isoformat())
    member.check('input[name="urgent"]')
    member.check('input[name="channel"][value="phone"]')
    member.fill('input[name="callback_phone"]', CALLBACK_PHONE)
    member.get_by_role("button", name="Envoyer ma demande").click()
    member.wait_for_url(re.compile(r"/demandes/[0-9a-f-]{36}/$"))
    member_page = member.url
    heading = member.locator("h1").inner_text()
    reference = re.search(r"D-[A-Z0-9]{6}", heading).group(0)
    assert "urgente" in _main_text(member)

    # --- A coordinator acknowledges, accepts with a promised date, routes it. -----------------
    coordinator = _person(browser)
    log_in_with_second_factor(coordinator, base, COORDINATOR_EMAIL, secret)

    coordinator.goto(base + "/demandes/coordination/")
    queue = coordinator.locator("main")
    assert reference in queue.inner_text()
    queue.get_by_role("link", name=reference).click()
    coordinator.wait_for_url(re.compile(r"/demandes/coordination/[0-9a-f-]{36}/$"))
    coordinator_page = coordinator.url
    assert DESCRIPTION[:40] in _main_text(coordinator)

    coordinator.get_by_role("button", name="Prendre en compte la demande").click()
    coordinator.wait_for_load_state()
    promised = (timezone.localdate() + timedelta(days=7)).isoformat()
    coordinator.fill('input[name="promised_by"]', promised)
    coordinator.get_by_role("button", name="Accepter la demande").click()
    coordinator.wait_for_load_state()
    coordinator.check(f"#helper-{helper_id}")
    coordinator.get_by_role("button", name="Proposer la demande").click()
    coordinator.wait_for_load_state()
    assert "Proposée à des aidant·es" in _main_text(coordinator)

    # --- The helper sees an anonymous brief and takes it. -------------------------------------
    helper = _person(browser)
    _log_in(helper, base, HELPER_EMAIL)
    helper.goto(base + "/demandes/aidant/")
    assert reference in _main_text(helper)
    _assert_no_member_details(helper)
    helper.locator("main").get_by_role("link", name=reference).click()
    helper.wait_for_url(re.compile(r"/demandes/aidant/[0-9a-f-]{36}/$"))
    brief_page = helper.url
    assert DESCRIPTION[:40] in _main_text(helper)
    assert "Urgente" in _main_text(helper)
    _assert_no_member_details(helper)
    helper.get_by_role("button", name="Accepter la demande").click()
    helper.wait_for_load_state()
    assert "Vous avez pris cette demande en charge." in _main_text(helper)
    _assert_no_member_details(helper)

    # --- The member agrees to share their contact with that helper. ---------------------------
    member.goto(member_page)
    member.get_by_role(
        "button", name="J’accepte de transmettre mes coordonnées à cette personne"
    ).click()
    member.wait_for_load_state()
    helper.goto(brief_page)
    assert "Accord du membre : donné le" in _main_text(helper)
    _assert_no_member_details(helper)

    # --- The helper agrees too, and only now sees the contact. --------------------------------
    helper.get_by_role("button", name="J’accepte d’échanger nos coordonnées").click()
    helper.wait_for_load_state()
    contact = helper.locator(".member-contact").inner_text()
    assert MEMBER_EMAIL in contact
    assert CALLBACK_PHONE in contact
    assert "Votre accord : donné le" in _main_text(helper)

    # --- They write to each other. ------------------------------------------------------------
    helper_words = "Bonjour, je vous propose un premier échange jeudi en fin de journée."
    helper.locator("#echanges textarea[name='body']").fill(helper_words)
    helper.get_by_role("button", name="Envoyer le message").click()
    helper.wait_for_url(re.compile(r"#echanges$"))
    assert helper_words in helper.locator("#echanges").inner_text()

    member.goto(member_page)
    thread = member.locator("#echanges")
    assert helper_words in thread.inner_text()
    member_words = "Jeudi me convient très bien, merci beaucoup."
    thread.locator("textarea[name='body']").fill(member_words)
    member.get_by_role("button", name="Envoyer le message").click()
    member.wait_for_url(re.compile(r"#echanges$"))
    assert member_words in member.locator("#echanges").inner_text()

    helper.goto(brief_page)
    thread_text = helper.locator("#echanges").inner_text()
    assert member_words in thread_text
    assert helper_words in thread_text

    # --- The helper files the outcome and resolves the request. -------------------------------
    helper.check('#form-compte-rendu input[name="help_kind"][value="advice"]')
    helper.check('#form-compte-rendu input[name="settled"][value="yes"]')
    helper.get_by_role("button", name="Déposer le compte rendu").click()
    helper.wait_for_load_state()
    assert "Votre compte rendu est enregistré" in _main_text(helper)
    helper.get_by_role("button", name="Marquer la demande comme résolue").click()
    helper.wait_for_load_state()
    assert "Résolue" in _main_text(helper)

    # --- The member answers the questionnaire, which closes the request. ----------------------
    member.goto(member_page)
    member.get_by_role("link", name="Répondre au questionnaire").click()
    member.wait_for_url(re.compile(r"/questionnaire/$"))
    member.check('input[name="overall"][value="5"]')
    member.check('input[name="timely"][value="yes"]')
    member.check('input[name="would_recommend"][value="yes"]')
    member.get_by_role("button", name="Envoyer mes réponses").click()
    member.wait_for_load_state()
    member.goto(member_page)
    closed = "Close"
    assert closed in member.locator(".request-state").inner_text()
    assert HelpRequest.objects.get(reference=reference).status == Status.CLOSED

    coordinator.goto(coordinator_page)
    assert closed in _main_text(coordinator)

    # --- Closed: the helper no longer reaches the request. ------------------------------------
    response = helper.goto(brief_page)
    assert response.status == 404
    helper.goto(base + "/demandes/aidant/")
    assert reference not in _main_text(helper)

    for person in (member, coordinator, helper):
        person.context.close()
