"""What the appointments reads share: ids from URLs, the people a session names, and what the
coordination is told when it may not book."""

import uuid

from django.http import Http404
from django.utils.translation import gettext_lazy as _

COORDINATION_BOOKS_NOT_HERE = _(
    "L’accord avec l’organisation de cette demande ne prévoit pas que la coordination réserve "
    "les entretiens : le membre choisit lui-même son créneau depuis sa demande. Un entretien "
    "urgent, hors des créneaux, reste possible."
)
COORDINATION_BOOKS_NOT = _(
    "Pour une demande sans organisation, le réseau ne prévoit pas que la coordination réserve "
    "les entretiens : le membre choisit lui-même son créneau depuis sa demande. Un entretien "
    "urgent, hors des créneaux, reste possible."
)


def _uuid_or_404(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        raise Http404 from None


def _with_people(queryset):
    return queryset.select_related("request", "helper__profile", "member__profile")
