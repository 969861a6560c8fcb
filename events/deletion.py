"""What deleting an account does to events (R-C8), registered in apps.ready(): each upcoming
place is cancelled through the service (so the next person waiting gets it and is told), then
every registration of the person, attendance included, is erased."""

from django.db import transaction
from django.utils import timezone

from . import services
from .models import Registration, RegistrationStatus


def forget_registrations(user, *, remove_forum_posts):
    now = timezone.now()
    with transaction.atomic():
        upcoming = Registration.objects.filter(user=user, event__starts_at__gt=now).exclude(
            status=RegistrationStatus.CANCELLED
        )
        for registration in list(upcoming):
            services.cancel(registration=registration, by=user, now=now)
        Registration.objects.filter(user=user).delete()
