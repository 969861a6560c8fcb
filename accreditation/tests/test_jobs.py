"""The insurance reminder (R-K16), run by the worker each day, with a travelling clock."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from accreditation import jobs, services
from portal import schedule

from . import factories as f

pytestmark = pytest.mark.django_db


def test_the_reminder_is_a_daily_job_of_the_worker():
    job = {j.name: j for j in schedule.jobs()}["accreditation.jobs.remind_insurance"]
    assert job.interval == datetime.timedelta(days=1)
    assert job.func is jobs.remind_insurance


def test_the_helper_is_reminded_once_a_month_before_their_insurance_expires(
    mailbox, django_capture_on_commit_callbacks
):
    cast, _request = f.cast_with()
    expiry = timezone.localdate() + datetime.timedelta(days=90)
    services.save_insurance(
        helper=cast.helper, by=cast.helper, insurer="MACSF", policy_number="", expires_on=expiry
    )

    with time_machine.travel(expiry - datetime.timedelta(days=31), tick=False):
        assert services.remind_insurance() == 0
    with (
        time_machine.travel(expiry - datetime.timedelta(days=29), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.remind_insurance() == 1
        assert services.remind_insurance() == 0
    with time_machine.travel(expiry - datetime.timedelta(days=2), tick=False):
        assert services.remind_insurance() == 0

    assert [m["To"] for m in mailbox] == [cast.helper.email]


def test_a_renewed_insurance_is_reminded_again_before_its_new_expiry():
    cast, _request = f.cast_with()
    expiry = timezone.localdate() + datetime.timedelta(days=10)
    services.save_insurance(
        helper=cast.helper, by=cast.helper, insurer="MACSF", policy_number="", expires_on=expiry
    )
    assert services.remind_insurance() == 1
    renewed = expiry + datetime.timedelta(days=365)
    services.save_insurance(
        helper=cast.helper, by=cast.helper, insurer="MACSF", policy_number="", expires_on=renewed
    )
    assert services.remind_insurance() == 0
    with time_machine.travel(renewed - datetime.timedelta(days=20), tick=False):
        assert services.remind_insurance() == 1


def test_an_expired_insurance_is_not_reminded():
    cast, _request = f.cast_with()
    services.save_insurance(
        helper=cast.helper,
        by=cast.helper,
        insurer="MACSF",
        policy_number="",
        expires_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8), tick=False):
        assert services.remind_insurance() == 0
