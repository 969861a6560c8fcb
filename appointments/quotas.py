"""How many sessions a help request allows, and how many it has used (R-A1, R-K2, R-A10).

The organisation's maximum sessions per person (members.Organisation.max_sessions_per_person,
1 to 4), or APPOINTMENT_DEFAULT_MAX_SESSIONS for a request without organisation, plus every
extension a coordinator granted. Booked, held, missed and late-cancelled sessions use one each;
a session cancelled in time gives its place back.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum

from .models import COUNTED_STATUSES, QuotaExtension, Session


@dataclass(frozen=True)
class Quota:
    base: int
    extra: int
    used: int

    @property
    def allowed(self):
        return self.base + self.extra

    @property
    def remaining(self):
        return max(self.allowed - self.used, 0)


def base_of(request):
    organisation = request.organisation if request.organisation_id else None
    if organisation is not None:
        return organisation.max_sessions_per_person
    return settings.APPOINTMENT_DEFAULT_MAX_SESSIONS


def quota_of(request):
    """Three queries at most: the organisation (unless loaded), the extensions, the sessions."""
    extra = QuotaExtension.objects.filter(request=request).aggregate(total=Sum("extra"))["total"]
    used = Session.objects.filter(request=request, status__in=COUNTED_STATUSES).count()
    return Quota(base=base_of(request), extra=extra or 0, used=used)
