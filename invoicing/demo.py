"""Demo invoices for `manage.py load_demo`: one helper's invoices in every state (issue #13).

Rachid Belkacem, the demo helper who took and saw through the closed request D-DEMOAV, invoices
the network for the sessions of that accompaniment: his business details are filled in (VAT
exemption, so the "art. 293 B du CGI" mention shows), a first invoice is issued and paid, a
second is issued and waits for its payment with a session the member cancelled too late on it,
and five more sessions reach the threshold: a draft waits for him to issue it.

Why this helper rather than aidant@relais.test: drafts take every unbilled session of a helper
(invoicing.services.prepare_draft), and the helper account already holds three billable sessions
from the appointments demo, below the threshold; it stays so, and the browser test
(tests/e2e/invoicing_journey.py) takes it over the threshold as a helper would.

The sessions are history: they sit between the day Rachid took the request and the day it was
resolved, a few days apart, and are written as records (the booking services refuse a closed
request, and rightly). Everything about invoices goes through the invoicing services at past
moments (`now=`): the draft prepared an hour after the session that reaches the threshold, as
the worker's hourly job does, issued two days later, paid two weeks after that. Quietly (no
e-mail). A second run creates nothing: a helper who already has invoices is left alone.
"""

from datetime import time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments import slots
from appointments.models import Session, SessionStatus
from helprequests.models import HelpRequest, Routing
from helprequests.services.common import quiet_notifications
from members.demo import COORDINATOR_EMAIL
from members.models import User

from . import billing_settings, services
from .models import Invoice, VatStatus

HELPER_EMAIL = "rachid.belkacem@demo.relais.test"
REQUEST_REFERENCE = "D-DEMOAV"
# Paid invoice, issued invoice (the fourth session cancelled late by the member), draft.
BATCHES = (
    (SessionStatus.DONE,) * 5,
    (SessionStatus.DONE, SessionStatus.DONE, SessionStatus.NO_SHOW)
    + (SessionStatus.CANCELLED_LATE, SessionStatus.DONE),
    (SessionStatus.DONE,) * 5,
)
SESSION_TIME = time(10, 0)


def _operator():
    """The recipient printed on the invoices, when the coordination has not named it yet."""
    row = billing_settings.current_settings()
    if row.operator_name:
        return 0
    row.operator_name = _("Association Relais")
    row.operator_address = _("3 place de la République\n69001 Lyon")
    row.save()
    return 1


def _details(helper):
    return services.save_business_details(
        helper=helper,
        data={
            "legal_name": _("Rachid Belkacem, conseil en accompagnement social (EI)"),
            "address": _("14 rue des Tanneurs\n59800 Lille"),
            "siret": "901 427 385 00017",
            "vat_status": VatStatus.EXEMPT,
        },
    )


def _days(request, routing, count):
    """`count` days for the sessions, spread between the day the helper took the request and
    the day before it was resolved (or yesterday)."""
    first = timezone.localdate(routing.responded_at or request.accepted_at) + timedelta(days=1)
    end = request.finished_at or timezone.now()
    last = timezone.localdate(end) - timedelta(days=1)
    gap = max((last - first).days // count, 1)
    return [first + timedelta(days=gap * number) for number in range(count)]


def _session(request, helper, day, status):
    moment = slots.local_moment(day, SESSION_TIME)
    member = request.requester
    session = Session(
        request=request,
        helper=helper,
        member=member,
        starts_at=moment,
        duration_minutes=settings.APPOINTMENT_MINUTES,
        status=status,
        booked_by=member,
        booked_at=moment - timedelta(days=6),
    )
    if status == SessionStatus.CANCELLED_LATE:
        session.cancelled_by = member
        session.cancelled_at = moment - timedelta(hours=18)
        session.cancel_reason = _("Un déplacement professionnel imprévu.")
    elif status == SessionStatus.NO_SHOW:
        session.no_show_at = moment + timedelta(minutes=20)
    session.save()
    return session


def _invoices(request, helper, coordinator, routing):
    days = iter(_days(request, routing, sum(len(batch) for batch in BATCHES)))
    created = 0
    for position, batch in enumerate(BATCHES):
        sessions = [_session(request, helper, next(days), status) for status in batch]
        created += len(sessions)
        drafted_at = sessions[-1].starts_at + timedelta(hours=1)
        draft = services.prepare_draft(helper=helper, now=drafted_at)
        created += 1
        if position == len(BATCHES) - 1:
            break  # the last one stays a draft
        invoice = services.issue_invoice(
            invoice=draft,
            by=helper,
            revision=draft.revision,
            now=min(drafted_at + timedelta(days=2), timezone.now()),
        )
        if position == 0:
            paid_on = min(invoice.issued_on + timedelta(days=14), timezone.localdate())
            services.mark_paid(
                invoice=invoice,
                by=coordinator,
                paid_on=paid_on,
                now=slots.local_moment(paid_on, time(11, 0)),
            )
    return created


def load(*, stdout, password=None):
    helper = User.objects.filter(email__iexact=HELPER_EMAIL).first()
    coordinator = User.objects.filter(email__iexact=COORDINATOR_EMAIL).first()
    request = HelpRequest.objects.filter(reference=REQUEST_REFERENCE).first()
    routing = (
        Routing.objects.filter(request=request, helper=helper).first()
        if request and helper
        else None
    )
    if routing is None or coordinator is None:
        stdout.write(_("Factures de démonstration : la demande de démonstration manque."))
        return 0
    if Invoice.objects.filter(helper=helper).exists():
        stdout.write(_("Factures de démonstration : elles existent déjà."))
        return 0
    with transaction.atomic(), quiet_notifications():
        created = _operator()
        if not hasattr(helper, "business_details"):
            _details(helper)
            created += 1
        created += _invoices(request, helper, coordinator, routing)
    stdout.write(_("Factures de démonstration : %(count)d éléments créés.") % {"count": created})
    return created
