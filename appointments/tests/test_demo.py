"""The demo network's appointments (`manage.py load_demo`), loaded twice."""

import pytest
from django.core.management import call_command

from appointments.models import (
    Availability,
    HelperFeedback,
    QuotaExtension,
    Session,
    SessionStatus,
)
from members.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_has_weeks_of_slots_sessions_in_every_state_and_an_extension(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("load_demo", verbosity=0)
    assert Availability.objects.filter(weekday=0).count() >= 1
    statuses = set(Session.objects.values_list("status", flat=True))
    assert statuses == set(SessionStatus.values)
    # The invoicing demo adds a late cancellation of its own, on a closed request.
    late = Session.objects.get(status=SessionStatus.CANCELLED_LATE, request__status="in_progress")
    assert late.billable
    assert QuotaExtension.objects.count() == 1
    assert HelperFeedback.objects.count() == 1
    shared = Availability.objects.get(partner__isnull=False)
    assert shared.until is not None and shared.partner != shared.helper
    assert Organisation.objects.filter(coordinators_book_sessions=True).count() == 2

    counts = (Availability.objects.count(), Session.objects.count())
    with django_capture_on_commit_callbacks(execute=False):
        call_command("load_demo", verbosity=0)
    assert (Availability.objects.count(), Session.objects.count()) == counts
    assert callbacks is not None
