"""Helpers' availability and the sessions booked on help requests (R-A3, R-A5, R-K2, R-P3).

Times are aware datetimes; slots are published in the network's time zone (Europe/Paris), as a
weekday and a start time for weekly slots, or a date and a start time for a one-off slot, so that
a weekly slot at 9:00 stays at 9:00 across daylight-saving changes (appointments.slots).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lundi")
    TUESDAY = 1, _("mardi")
    WEDNESDAY = 2, _("mercredi")
    THURSDAY = 3, _("jeudi")
    FRIDAY = 4, _("vendredi")
    SATURDAY = 5, _("samedi")
    SUNDAY = 6, _("dimanche")


class Availability(models.Model):
    """A slot a helper offers: every week (weekday), up to an optional last day (`until`), or
    once (date), at a start time (R-A5). With a `partner`, another helper, the two listen
    together (R-P3): the slot is offered in both helpers' weeks while both are free, and a
    session booked on it holds both. Only its `helper`, who published it, removes it."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availabilities"
    )
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="shared_availabilities",
        verbose_name=_("en binôme avec"),
    )
    weekday = models.PositiveSmallIntegerField(
        _("jour de la semaine"), choices=Weekday.choices, null=True, blank=True
    )
    date = models.DateField(_("date"), null=True, blank=True)
    until = models.DateField(_("jusqu’au"), null=True, blank=True)
    start_time = models.TimeField(_("heure de début"))
    created_at = models.DateTimeField(_("publié le"), auto_now_add=True)

    class Meta:
        ordering = ["weekday", "date", "start_time", "pk"]
        verbose_name = _("disponibilité")
        verbose_name_plural = _("disponibilités")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__isnull=True, date__isnull=False)
                | models.Q(weekday__isnull=False, date__isnull=True),
                name="availability_weekly_or_once",
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(weekday__isnull=False),
                name="availability_until_only_weekly",
            ),
            models.CheckConstraint(
                condition=~models.Q(partner=models.F("helper")),
                name="availability_partner_is_someone_else",
            ),
            models.UniqueConstraint(
                fields=["helper", "weekday", "start_time"],
                condition=models.Q(weekday__isnull=False),
                name="one_weekly_slot_per_time",
            ),
            models.UniqueConstraint(
                fields=["helper", "date", "start_time"],
                condition=models.Q(date__isnull=False),
                name="one_single_slot_per_time",
            ),
        ]

    def __str__(self):
        return f"Availability {self.pk}"

    @property
    def weekly(self):
        return self.weekday is not None

    def offered_on(self, day):
        """Whether this slot falls on `day` (absences and sessions aside)."""
        if self.weekly:
            return day.weekday() == self.weekday and (self.until is None or day <= self.until)
        return day == self.date

    def holders(self):
        """The ids of the helpers a session on this slot holds: its helper and partner."""
        return {self.helper_id, self.partner_id} - {None}


class Absence(models.Model):
    """Days on which a helper's slots are not offered (holidays), both days included."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences"
    )
    starts_on = models.DateField(_("du"))
    ends_on = models.DateField(_("au"))
    created_at = models.DateTimeField(_("déclarée le"), auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="absence_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"Absence {self.pk}"


class SessionStatus(models.TextChoices):
    BOOKED = "booked", _("Réservé")
    CANCELLED = "cancelled", _("Annulé")
    CANCELLED_LATE = "cancelled_late", _("Annulé tardivement (dû)")
    DONE = "done", _("Tenu")
    NO_SHOW = "no_show", _("Absence du membre")


class NextStep(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Un nouvel entretien")
    OTHER_HELPER = "other_helper", _("Un·e autre aidant·e")


# The statuses that hold the helper's slot: no second session may start at the same time.
LIVE_STATUSES = (SessionStatus.BOOKED, SessionStatus.DONE, SessionStatus.NO_SHOW)
# The statuses of a cancelled session (its calendar copies say STATUS:CANCELLED).
CANCELLED_STATUSES = (SessionStatus.CANCELLED, SessionStatus.CANCELLED_LATE)
# The statuses that use one of the request's sessions (R-A3: a late cancellation is paid).
COUNTED_STATUSES = (*LIVE_STATUSES, SessionStatus.CANCELLED_LATE)
# The statuses the helper is paid for (R-A3).
BILLABLE_STATUSES = (SessionStatus.DONE, SessionStatus.NO_SHOW, SessionStatus.CANCELLED_LATE)


class Session(models.Model):
    """A session booked with the helper who took a help request (R-A3, R-K2), and with their
    partner when the slot was shared (`co_helper`, R-P3): both hold the time."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="sessions"
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    co_helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("en binôme avec"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_at = models.DateTimeField(_("début"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"))
    status = models.CharField(
        _("état"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.BOOKED
    )
    remote_details = models.TextField(
        _("détails de l’appel ou de la visio"),
        blank=True,
        help_text=_("Numéro à appeler ou lien de visioconférence (R-K9)."),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    booked_at = models.DateTimeField(_("réservé le"))
    cancel_reason = models.TextField(_("motif de l’annulation"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    no_show_at = models.DateTimeField(_("absence notée le"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The SEQUENCE of the session's calendar file: raised by each change sent to the people's
    # calendars (call details, cancellation), so that a calendar replaces its copy (R-K9).
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    # R-A10: after the session, the helper proposes another session or another helper.
    next_step = models.CharField(
        _("suite proposée"), max_length=16, choices=NextStep.choices, blank=True
    )
    next_step_at = models.DateTimeField(_("suite proposée le"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("entretien")
        verbose_name_plural = _("entretiens")
        constraints = [
            models.UniqueConstraint(
                fields=["helper", "starts_at"],
                condition=models.Q(status__in=LIVE_STATUSES),
                name="one_live_session_per_helper_slot",
            ),
            models.UniqueConstraint(
                fields=["co_helper", "starts_at"],
                condition=models.Q(status__in=LIVE_STATUSES, co_helper__isnull=False),
                name="one_live_session_per_co_helper_slot",
            ),
            # The same shared slot booked from a request taken by each of the pair: (A, B)
            # and (B, A) pass the two constraints above, not this one.
            models.UniqueConstraint(
                Least("helper", "co_helper"),
                Greatest("helper", "co_helper"),
                "starts_at",
                condition=models.Q(status__in=LIVE_STATUSES, co_helper__isnull=False),
                name="one_live_session_per_pair_slot",
            ),
            models.CheckConstraint(
                condition=~models.Q(co_helper=models.F("helper")),
                name="session_co_helper_is_someone_else",
            ),
        ]

    def __str__(self):
        return f"Session {self.pk}"

    @property
    def ends_at(self):
        from datetime import timedelta

        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def billable(self):
        return self.status in BILLABLE_STATUSES


class QuotaExtension(models.Model):
    """Extra sessions a coordinator grants on one request, with the reason (R-A10)."""

    request = models.ForeignKey(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="quota_extensions"
    )
    extra = models.PositiveSmallIntegerField(_("entretiens supplémentaires"))
    reason = models.TextField(_("motif"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("accordé le"))

    class Meta:
        ordering = ["granted_at", "pk"]
        verbose_name = _("entretiens supplémentaires")
        verbose_name_plural = _("entretiens supplémentaires")
        constraints = [
            models.CheckConstraint(condition=models.Q(extra__gte=1), name="extension_adds_some")
        ]

    def __str__(self):
        return f"QuotaExtension {self.pk}"


class HelperFeedback(models.Model):
    """The operator's questionnaire the helper fills after each session held (R-A7)."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="helper_feedback"
    )
    difficulties = models.TextField(_("difficultés rencontrées"), blank=True)
    improvements = models.TextField(_("améliorations suggérées"), blank=True)
    written_at = models.DateTimeField(_("rempli le"))

    class Meta:
        verbose_name = _("retour de l’aidant·e")
        verbose_name_plural = _("retours des aidant·es")

    def __str__(self):
        return f"HelperFeedback {self.pk}"


class MemberFeedback(models.Model):
    """The member's word on a session held (R-K13), read by the coordination only."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="member_feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("appréciation"), choices=[(n, str(n)) for n in range(1, 6)]
    )
    comment = models.TextField(_("commentaire"), blank=True)
    written_at = models.DateTimeField(_("donné le"))

    class Meta:
        verbose_name = _("retour du membre")
        verbose_name_plural = _("retours des membres")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="rating_from_one_to_five"
            )
        ]

    def __str__(self):
        return f"MemberFeedback {self.pk}"


class ContributionKind(models.TextChoices):
    NONE = "none", _("Pas de contribution")
    FINANCIAL = "financial", _("Contribution financière")
    OTHER = "other", _("Contribution non financière")


class TermsConfirmation(models.Model):
    """The member confirmed the terms (nature, money, logistics, confidentiality) before the
    first session of a request (R-K3), and chose a contribution where the network asks for one
    (R-K4). Read by the member and the coordination only."""

    request = models.OneToOneField(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="terms_confirmation"
    )
    confirmed_at = models.DateTimeField(_("conditions confirmées le"))
    contribution = models.CharField(
        _("contribution"),
        max_length=12,
        choices=ContributionKind.choices,
        default=ContributionKind.NONE,
    )
    amount_eur = models.PositiveSmallIntegerField(_("montant (EUR)"), null=True, blank=True)
    usual_price_eur = models.PositiveSmallIntegerField(_("prix habituel annoncé (EUR)"))

    class Meta:
        verbose_name = _("conditions confirmées")
        verbose_name_plural = _("conditions confirmées")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(contribution="financial")
                | models.Q(amount_eur__gte=1, amount_eur__lte=models.F("usual_price_eur")),
                name="financial_contribution_from_one_euro_to_the_price",
            )
        ]

    def __str__(self):
        return f"TermsConfirmation {self.pk}"


class CalendarFeed(models.Model):
    """A person's private calendar feed of their own sessions, at a secret address (R-K9).

    A calendar application cannot log in, so the token in the address is the key: whoever holds
    the address reads the feed, which therefore holds only times, "Relais — entretien" and a
    link (appointments.calendar_files). A reset gives a new token, and the old address answers
    404 at once; turning the feed off deletes this row. One feed per person.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("créé le"))
    reset_at = models.DateTimeField(_("renouvelé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda privé")
        verbose_name_plural = _("agendas privés")

    def __str__(self):
        return f"CalendarFeed {self.pk}"
