from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class HelpKind(models.TextChoices):
    INFORMATION = "information", _("Information ou document")
    ADVICE = "advice", _("Conseil")
    LISTENING = "listening", _("Écoute")
    REFERRAL = "referral", _("Orientation vers une autre ressource")
    ACCOMPANIMENT = "accompaniment", _("Accompagnement")


class OutcomeReport(models.Model):
    """R-C13: a short report, discreet about service, duration and price."""

    request = models.OneToOneField(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="outcome"
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    help_kind = models.CharField(_("nature de l’aide"), max_length=16, choices=HelpKind.choices)
    settled = models.BooleanField(_("la situation est réglée"))
    note = models.TextField(_("remarques"), max_length=1000, blank=True)
    filed_at = models.DateTimeField(_("déposé le"))

    class Meta:
        verbose_name = _("compte rendu")
        verbose_name_plural = _("comptes rendus")

    def __str__(self):
        return f"Outcome {self.pk}"


class OfferStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    ACCEPTED = "accepted", _("Accepté")
    DECLINED = "declined", _("Refusé")


class Offer(models.Model):
    """R-C5: longer accompaniment as a quote showing the usual price beside the network's price."""

    request = models.ForeignKey(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="offers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("intitulé"), max_length=120)
    description = models.TextField(_("description"), max_length=2000)
    usual_price = models.DecimalField(_("prix habituel (€)"), max_digits=8, decimal_places=2)
    network_price = models.DecimalField(
        _("prix pour le réseau (€)"), max_digits=8, decimal_places=2
    )
    status = models.CharField(
        _("réponse"), max_length=16, choices=OfferStatus.choices, default=OfferStatus.PROPOSED
    )
    created_at = models.DateTimeField(_("proposé le"))
    answered_at = models.DateTimeField(_("réponse le"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("devis")
        verbose_name_plural = _("devis")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(network_price__lte=models.F("usual_price")),
                name="network_price_not_above_usual",
            )
        ]

    def __str__(self):
        return f"Offer {self.pk}"


class SatisfactionAnswer(models.Model):
    """R-P7, R-K13: the member's questionnaire. Feeds indicators without the member's identity:
    no link to a person, only to the request, whose personal content retention erases."""

    request = models.OneToOneField(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="satisfaction"
    )
    overall = models.PositiveSmallIntegerField(
        _("satisfaction globale"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    timely = models.BooleanField(_("la réponse est arrivée à temps"))
    would_recommend = models.BooleanField(_("je recommanderais le service"))
    comment = models.TextField(_("commentaire"), max_length=1000, blank=True)
    answered_at = models.DateTimeField(_("répondu le"))

    class Meta:
        verbose_name = _("questionnaire de satisfaction")
        verbose_name_plural = _("questionnaires de satisfaction")

    def __str__(self):
        return f"Satisfaction {self.pk}"


class SupervisionShare(models.Model):
    """R-K8: with the member's agreement, an anonymised summary shared with a supervisor."""

    request = models.ForeignKey(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="supervisions"
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_cases"
    )
    summary = models.TextField(_("résumé anonymisé"), max_length=3000, blank=True)
    asked_at = models.DateTimeField(_("accord demandé le"))
    member_agreed_at = models.DateTimeField(_("accord du membre le"), null=True, blank=True)
    member_refused_at = models.DateTimeField(_("refus du membre le"), null=True, blank=True)
    shared_at = models.DateTimeField(_("partagé le"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = _("partage en supervision")
        verbose_name_plural = _("partages en supervision")

    def __str__(self):
        return f"Supervision {self.pk}"
