"""Events as CMS pages, and the places people hold in them (R-A4, R-A9, R-C14).

An event is a Wagtail page edited like any other; who may read it is decided by its view
restrictions (home/visibility.py). Who may *register* is the event's audience
(events/permissions.py). A Registration is one person's place: confirmed with a seat number, or
waiting with a position; the constraints below make two people on one seat, or one person twice
on an event, impossible whatever the code does (the register service also locks the event row).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.context_builders import BuiltContext


class EventKind(models.TextChoices):
    TRAINING = "training", _("Formation")
    CONFERENCE = "conference", _("Conférence")
    WEBINAR = "webinar", _("Webinaire de présentation")
    HELPERS_MEETING = "helpers_meeting", _("Rencontre d’échange entre aidant·es")


class EventAudience(models.TextChoices):
    EVERYONE = "everyone", _("Tout le monde (inscription avec un compte membre)")
    MEMBERS = "members", _("Membres")
    HELPERS = "helpers", _("Aidant·es")


class EventIndexPage(BuiltContext, Page):
    """The network's agenda: upcoming events first (R-C14).

    Context: events.page_context.event_index_page.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("agenda des événements")


class EventPage(BuiltContext, Page):
    """One training, conference, webinar or helpers' meeting with a limited number of seats.

    Context: events.page_context.event_page.
    """

    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    audience = models.CharField(
        _("public"),
        max_length=10,
        choices=EventAudience.choices,
        default=EventAudience.MEMBERS,
        help_text=_(
            "Qui peut s’inscrire. Qui peut lire la page dépend de sa confidentialité "
            "(Réservé aux membres)."
        ),
    )
    starts_at = models.DateTimeField(_("début (heure de Paris)"))
    ends_at = models.DateTimeField(_("fin (heure de Paris)"))
    place = models.CharField(
        _("lieu"), max_length=255, blank=True, help_text=_("Adresse, salle : visible par tous.")
    )
    video_link = models.URLField(
        _("lien de visioconférence"),
        blank=True,
        help_text=_("Montré aux seules personnes inscrites (et dans leur fichier d’agenda)."),
    )
    seats = models.PositiveIntegerField(_("nombre de places"), validators=[MinValueValidator(1)])
    registration_deadline = models.DateTimeField(
        _("clôture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Vide : les inscriptions restent ouvertes jusqu’au début."),
    )
    price = models.DecimalField(
        _("participation (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Indicative : le portail n’encaisse rien. Vide : gratuit."),
    )
    intro = models.TextField(_("chapeau"), max_length=400, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldPanel("video_link"),
            ],
            heading=_("Quand et où"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("seats"), FieldPanel("registration_deadline")]),
                FieldPanel("price"),
            ],
            heading=_("Inscriptions"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("événement")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="event_has_seats"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("La fin doit venir après le début.")
        if (
            self.registration_deadline
            and self.starts_at
            and self.registration_deadline > self.starts_at
        ):
            errors["registration_deadline"] = _(
                "Les inscriptions doivent se clore au plus tard au début de l’événement."
            )
        if not self.place and not self.video_link:
            errors["place"] = _("Indiquez un lieu ou un lien de visioconférence.")
        if errors:
            raise ValidationError(errors)

    @property
    def closes_at(self):
        """When registration closes: the deadline, else the start."""
        return self.registration_deadline or self.starts_at


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Inscrit·e")
    WAITING = "waiting", _("En liste d’attente")
    CANCELLED = "cancelled", _("Annulée")


class Registration(models.Model):
    """One person's place at one event: a seat, a place in the waiting list, or cancelled.

    One row per person and event (registering again after cancelling reuses it). `seat` is
    1..seats while confirmed; `position` orders the waiting list (first come, first promoted).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        EventPage,
        verbose_name=_("événement"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("état"), max_length=10, choices=RegistrationStatus.choices)
    seat = models.PositiveIntegerField(_("place n°"), null=True, blank=True)
    position = models.PositiveIntegerField(_("rang en liste d’attente"), null=True, blank=True)
    registered_at = models.DateTimeField(_("inscription le"))
    promoted_at = models.DateTimeField(_("sortie de liste d’attente le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    attended = models.BooleanField(_("présent·e"), null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(_("présence notée le"), null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("présence notée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inscription")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person"),
            models.UniqueConstraint(
                fields=["event", "seat"], condition=Q(seat__isnull=False), name="one_person_a_seat"
            ),
            models.UniqueConstraint(
                fields=["event", "position"],
                condition=Q(position__isnull=False),
                name="one_person_a_waiting_position",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="confirmed", seat__gte=1, position__isnull=True)
                    | Q(status="waiting", seat__isnull=True, position__gte=1)
                    | Q(status="cancelled", seat__isnull=True, position__isnull=True)
                ),
                name="registration_status_matches_seat_or_position",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"registration {self.pk}"
