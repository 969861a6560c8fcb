"""The coordination sets the billing settings in the Wagtail admin, dated rates included; the
job registered for the worker reads them (R-A3, R-A8)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from invoicing import billing_settings
from invoicing.models import BillingSettings, SessionRate
from members.models import Profile
from portal import schedule

from . import factories as f

pytestmark = pytest.mark.django_db


def settings_url():
    """The admin's edit page of the (one) settings row."""
    return reverse(
        "wagtailsettings:edit", args=["invoicing", "billingsettings", BillingSettings.load().pk]
    )


def test_the_coordination_records_a_new_rate_from_a_date_in_the_admin(client_for):
    cast, _request = f.taken()
    Profile.objects.create(user=cast.coordinator, status="active")
    client = client_for(cast.coordinator)
    url = settings_url()
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "threshold": "300.00",
            "vat_rate": "20.00",
            "operator_name": "Association Relais",
            "operator_address": "3 place de la République, Lyon",
            "rates-TOTAL_FORMS": "1",
            "rates-INITIAL_FORMS": "0",
            "rates-MIN_NUM_FORMS": "0",
            "rates-MAX_NUM_FORMS": "1000",
            "rates-0-effective_from": "2027-01-01",
            "rates-0-amount": "65.00",
            "rates-0-ORDER": "1",
            "rates-0-DELETE": "",
            "rates-0-id": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert BillingSettings.load().operator_name == "Association Relais"
    assert list(SessionRate.objects.values_list("effective_from", "amount")) == [
        (datetime.date(2027, 1, 1), Decimal("65.00"))
    ]
    assert billing_settings.rate_on(datetime.date(2026, 12, 31)) == Decimal("60.00")
    assert billing_settings.rate_on(datetime.date(2027, 1, 1)) == Decimal("65.00")


def test_a_helper_cannot_open_the_billing_settings(client_for):
    cast, _request = f.taken()

    response = client_for(cast.helper).get(settings_url())

    assert response.status_code in (302, 403)
    assert not SessionRate.objects.exists()


def test_the_worker_runs_the_draft_job_every_hour():
    jobs = {job.name: job for job in schedule.jobs()}

    job = jobs["invoicing.jobs.prepare_due_drafts"]
    assert job.interval == datetime.timedelta(hours=1)
