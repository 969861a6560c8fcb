from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

# R-P4: every request is taken into account within 48 hours at most; a network may promise less.
MAX_ACKNOWLEDGEMENT_HOURS = 48


@register_setting(icon="time")
class HelpRequestSettings(BaseGenericSetting):
    """The clocks of help requests, set by the network (R-P4, R-P7, R-K7)."""

    acknowledgement_hours = models.PositiveSmallIntegerField(
        _("délai d’accusé de réception (heures)"),
        default=MAX_ACKNOWLEDGEMENT_HOURS,
        validators=[
            MinValueValidator(1),
            MaxValueValidator(
                MAX_ACKNOWLEDGEMENT_HOURS,
                message=_(
                    "Le réseau s’engage à prendre en compte chaque demande en 48 heures au plus "
                    "(R-P4) : choisissez un délai de 48 heures ou moins."
                ),
            ),
        ],
        help_text=_("Une demande doit être prise en compte dans ce délai (48 heures au plus)."),
    )
    amber_hours = models.PositiveSmallIntegerField(
        _("alerte avant l’échéance (heures)"),
        default=12,
        help_text=_("La demande passe à l’orange pendant ces dernières heures."),
    )
    promise_reminder_days = models.PositiveSmallIntegerField(
        _("rappel avant la date promise (jours)"), default=2
    )
    closure_wait_days = models.PositiveSmallIntegerField(
        _("clôture sans questionnaire après (jours)"),
        default=30,
        help_text=_(
            "Une demande terminée est close après ce délai si le questionnaire n’arrive pas."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("conservation après clôture (jours)"),
        default=365,
        help_text=_(
            "Passé ce délai, le contenu personnel des demandes closes est effacé ; seuls restent "
            "les faits anonymes des indicateurs."
        ),
    )
    description_max_length = models.PositiveSmallIntegerField(
        _("longueur maximale de la description"), default=2000
    )

    class Meta:
        verbose_name = _("réglages des demandes d’aide")
