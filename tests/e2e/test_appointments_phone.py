"""Every appointments page works on a phone 375 px wide (issue #12): nothing off-screen, no
sideways scroll, no serious axe-core violation, for the role that uses it on the demo network.

The member of the demo (membre@relais.test) has sessions in every state on their first taken
request (appointments/demo.py); its helper publishes the weekly slots; the coordinator logs in
with a second factor. Its own module and demo load, apart from test_journeys.py, so that it runs
alone in a few seconds when an appointments page changes.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command

from appointments.models import Session, SessionStatus
from helprequests.demo import MEMBER_ACCOUNT
from members.demo import COORDINATOR_EMAIL
from members.models import Organisation, User
from tests.e2e.demo import PASSWORD
from tests.e2e.helprequest_journey import _log_in, log_in_with_second_factor
from tests.e2e.phone import assert_works_on_a_phone, phone


def _walk(page, base, paths):
    for path in paths:
        response = page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        assert_works_on_a_phone(page)


def test_appointments_pages_work_on_a_phone_for_each_role(transactional_db, live_server, browser):
    call_command("load_demo", password=PASSWORD, verbosity=0)
    base = live_server.url
    member = User.objects.get(email=MEMBER_ACCOUNT)
    sessions = Session.objects.filter(member=member).select_related("request", "helper")
    coming = sessions.filter(status=SessionStatus.BOOKED).order_by("starts_at").first()
    held = sessions.filter(status=SessionStatus.DONE).first()
    request = coming.request

    person = phone(browser)
    _log_in(person, base, MEMBER_ACCOUNT)
    _walk(
        person,
        base,
        [
            "/entretiens/",
            f"/entretiens/demande/{request.public_id}/",
            f"/entretiens/{coming.public_id}/annuler/",
            f"/entretiens/{held.public_id}/retour/",
        ],
    )
    person.context.close()

    helper = phone(browser)
    _log_in(helper, base, coming.helper.email)
    _walk(helper, base, ["/entretiens/disponibilites/", "/entretiens/"])
    helper.locator(".account-menu summary").click()  # "Mon espace", open, fits too
    assert_works_on_a_phone(helper)
    helper.context.close()

    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    desk = phone(browser)
    log_in_with_second_factor(desk, base, COORDINATOR_EMAIL, secret, next_path="/entretiens/")
    _walk(
        desk,
        base,
        [
            "/entretiens/coordination/",
            "/entretiens/coordination/?etat=booked",
            f"/entretiens/coordination/demande/{request.public_id}/",
            # The indicators (issue #15): the dashboard, the remarks to review, the reports.
            "/indicateurs/",
            "/indicateurs/remarques/",
            "/indicateurs/organisations/",
            f"/indicateurs/organisations/{Organisation.objects.order_by('pk').first().public_id}/",
        ],
    )
    desk.context.close()
