"""The demo network's accreditation (`manage.py load_demo`), loaded twice (issue #19, item 5)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from accreditation.models import Accreditation, Change, Complaint, Status
from helprequests.models import Routing, RoutingStatus

pytestmark = pytest.mark.django_db


def counts():
    return (Accreditation.objects.count(), Change.objects.count(), Complaint.objects.count())


def test_the_demo_shows_a_pause_a_suspension_a_decided_complaint_and_an_insurance_to_renew(
    monkeypatch,
):
    sent = []
    monkeypatch.setattr(
        "helprequests.services.common.notify", lambda recipients, **mail: sent.append(mail)
    )
    call_command("load_demo", verbosity=0)
    today = timezone.localdate()

    paused = Accreditation.objects.get(status=Status.PAUSED)
    assert paused.return_on > today and paused.pause_reason
    suspended = Accreditation.objects.get(status=Status.SUSPENDED)
    assert suspended.reason
    complaint = Complaint.objects.get()
    assert complaint.helper == suspended.helper and complaint.outcome and complaint.outcome_note
    expiring = Accreditation.objects.filter(
        insurance_expires_on__gt=today,
        insurance_expires_on__lte=today + datetime.timedelta(days=62),
    )
    assert expiring.count() == 1
    # Nothing was handed back: the demo's open requests keep their helpers.
    assert not Routing.objects.filter(
        helper__in=[paused.helper, suspended.helper], status=RoutingStatus.WITHDRAWN
    ).exists()
    assert not [mail for mail in sent if mail["link"].startswith("/agrement/")]

    before = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == before
