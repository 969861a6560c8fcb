"""Forms of the forum's moderation: reports, reasons, the forum rules and the log filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms.joining import TermsForm

from .models import ModerationAction, ReportReason

REASON_MAX_LENGTH = 1000


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Pourquoi signalez-vous ce message ?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un motif.")},
    )
    details = forms.CharField(
        label=_("Précisions (facultatif)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seuls les modérateurs liront votre signalement."),
    )


class ReasonForm(forms.Form):
    """The "why" of a moderation action, kept in the moderation log."""

    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, required=False, label=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = required
        if label:
            field.label = label
        field.help_text = help_text
        field.error_messages["required"] = _("Indiquez le motif.")


class RejectForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(
            *args,
            required=True,
            label=_("Motif du refus"),
            help_text=_(
                "L’auteur le lira dans son espace ; le courriel qu’il reçoit dit seulement "
                "qu’une décision l’attend."
            ),
            **kwargs,
        )


class ForumRulesForm(TermsForm):
    """The members' charter form (every charter kind is accepted the same way), worded for the
    forum rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            *args,
            accept_label=_("J’accepte la charte du forum"),
            required_message=_("Cochez la case pour accepter la charte du forum."),
            **kwargs,
        )


class LogFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Toutes"))] + list(ModerationAction.choices),
    )
