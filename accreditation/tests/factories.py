"""Accreditation for tests: the cast of helprequests' factories, a request taken by its helper,
and complaints and obligations built through the services."""

import datetime

from django.utils import timezone

from accreditation import services
from accreditation.models import Outcome
from appointments.tests import factories as appointments
from helprequests.models import Status
from helprequests.tests.factories import Cast


def taken():
    """(cast, request): a request taken by `cast.helper`, its terms confirmed (appointments)."""
    return appointments.taken()


def cast_with(status=Status.ACCEPTED):
    cast = Cast.create()
    return cast, cast.request_in(status)


def complaint(cast, request, *, anonymous=True, **overrides):
    data = {
        "charter_article": "Article 7 — confidentialité",
        "account": "L’aidante a évoqué ma situation devant une autre personne.",
        **overrides,
    }
    return services.file_complaint(
        by=cast.member, helper=cast.helper, anonymous=anonymous, request=request, **data
    )


def decided(complaint, cast, outcome=Outcome.REMINDER, note="Rappel de l’article 7 adressé."):
    return services.record_outcome(
        complaint=complaint, by=cast.coordinator, outcome=outcome, note=note
    )


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)
