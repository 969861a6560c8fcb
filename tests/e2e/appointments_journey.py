"""A session booked, confirmed and cancelled late, in two browsers (issue #12; R-A3, R-A6, R-P6).

The helper who took the demo member's request publishes a one-off slot for tomorrow morning on
a phone; the member books it from their request in one click; both receive the confirmation
with the session's calendar file, which parses back to the booked time in Paris; the member
then cancels, less than 48 hours before the start: the page says the session stays due, and it
is among the sessions the helper will invoice.
"""

import re
from datetime import time, timedelta

from django.utils import timezone
from icalendar import Calendar

from appointments import slots
from appointments.models import Session, SessionStatus
from helprequests.models import HelpRequest
from helprequests.permissions import WORKING
from helprequests.services.common import taking_routing
from invoicing import selectors as invoicing_selectors
from tests.e2e.helprequest_journey import _log_in, _main_text, _person
from tests.e2e.phone import assert_works_on_a_phone, phone

MEMBER_EMAIL = "membre@relais.test"
START = time(7, 0)  # no demo weekly slot is this early: the one-off slot overlaps nothing


def _members_taken_request():
    for request in HelpRequest.objects.filter(
        requester__email=MEMBER_EMAIL, status__in=WORKING
    ).order_by("reference"):
        routing = taking_routing(request)
        if routing is not None:
            return request, routing.helper
    raise AssertionError("the demo member has no request taken by a helper")


def _calendar_of(message):
    """The parsed calendar file attached to an e-mail, or None."""
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_payload(decode=True))
    return None


def a_member_books_the_helpers_slot_both_get_the_calendar_file_and_a_late_cancel_stays_due(
    live_server, browser, mailbox
):
    base = live_server.url
    request, helper_user = _members_taken_request()
    tomorrow = timezone.localdate() + timedelta(days=1)
    moment = slots.local_moment(tomorrow, START)

    # --- The helper publishes a one-off slot, on a phone. -------------------------------------
    helper = phone(browser)
    _log_in(helper, base, helper_user.email)
    helper.goto(base + "/entretiens/disponibilites/")
    assert_works_on_a_phone(helper)
    single = helper.locator("form", has=helper.locator('input[name="kind"][value="single"]'))
    single.locator('input[name="single-date"]').fill(tomorrow.isoformat())
    single.locator('input[name="single-start_time"]').fill("07:00")
    single.get_by_role("button", name="Ajouter ce créneau").click()
    helper.wait_for_load_state()
    assert "C’est enregistré." in _main_text(helper)

    # --- The member books it from their request. ----------------------------------------------
    mailbox.clear()
    member = _person(browser)
    _log_in(member, base, MEMBER_EMAIL)
    member.goto(f"{base}/demandes/{request.public_id}/")
    member.get_by_role("link", name="Réserver ou voir mes entretiens").click()
    member.wait_for_url(re.compile(r"/entretiens/demande/[0-9a-f-]{36}/$"))
    slot = f'input[name="starts_at"][value="{moment.isoformat()}"]'
    member.locator(f"form:has({slot}) button").click()
    member.wait_for_load_state()
    assert "L’entretien est réservé." in _main_text(member)
    session = Session.objects.get(request=request, starts_at=moment)
    assert session.status == SessionStatus.BOOKED

    # --- Both sides get the confirmation with its calendar file. ------------------------------
    for address in (MEMBER_EMAIL, helper_user.email):
        confirmations = [m for m in mailbox if m["To"] == address and _calendar_of(m)]
        assert confirmations, address
        entry = _calendar_of(confirmations[-1]).walk("VEVENT")[0]
        assert entry.decoded("dtstart") == moment
        assert entry.decoded("dtend") == moment + timedelta(minutes=session.duration_minutes)
        body = confirmations[-1].get_body(preferencelist=("plain",)).get_content()
        assert "confidentialit" in body.lower()
        assert request.requester.last_name not in body

    # --- The member cancels less than 48 hours before: the session stays due. -----------------
    member.goto(base + "/entretiens/")
    member.locator(f'a[href="/entretiens/{session.public_id}/annuler/"]').click()
    member.wait_for_url(re.compile(r"/entretiens/[0-9a-f-]{36}/annuler/$"))
    member.fill('textarea[name="reason"]', "Un imprévu au travail.")
    member.get_by_role("button", name="Annuler l’entretien").click()
    member.wait_for_load_state()
    assert "il reste dû" in _main_text(member)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED_LATE
    billable = invoicing_selectors.billable_unbilled_sessions().filter(helper=helper_user)
    assert billable.filter(pk=session.pk).exists()

    helper.context.close()
    member.context.close()
