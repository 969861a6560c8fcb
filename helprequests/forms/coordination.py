"""Forms of the coordination pages: triage (R-C2, R-P4), routing (R-C9), delays (R-C3),
declines with a referral (R-K5), national referral (R-P8), alerts (R-A12).

They check what was typed; the services decide whether the action is allowed now, and refuse a
form posted from an older `version` of the request.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import Theme

from ..models import Status
from ..permissions import OPEN
from .member import NOTE_MAX_LENGTH, DateInput, VersionedForm, not_in_the_past

REASON_MAX_LENGTH = 2000


def _note(label, *, required=False, rows=3, required_message=None):
    messages = {"required": required_message} if required_message else {}
    return forms.CharField(
        label=label,
        max_length=REASON_MAX_LENGTH,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=messages,
    )


class AcknowledgeForm(VersionedForm):
    note = _note(_("Prochaine étape annoncée au membre (facultatif)"), rows=2)


class AcceptForm(VersionedForm):
    promised_by = forms.DateField(
        label=_("Réponse promise pour le"),
        widget=DateInput(),
        validators=[not_in_the_past],
        help_text=_("Le membre voit cette date ; la dépasser demande d’annoncer un report."),
        error_messages={
            "required": _("Indiquez la date à laquelle le réseau s’engage à répondre."),
            "invalid": _("Saisissez une date valide, par exemple 31/12/2030."),
        },
    )
    note = _note(_("Note (facultatif)"), rows=2)


class DeclineForm(VersionedForm):
    reason = _note(
        _("Motif, tel que le membre le lira"),
        required=True,
        required_message=_(
            "Expliquez au membre pourquoi le réseau ne peut pas prendre la demande."
        ),
    )
    referral = _note(
        _("Orientation proposée (facultatif)"),
        rows=2,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referral"].help_text = _(
            "Une autre ressource, un autre collectif, un service public…"
        )


class RouteForm(VersionedForm):
    """R-C9: the helpers to offer the request to, among those suggested."""

    helpers = forms.MultipleChoiceField(
        label=_("Aidant·es à qui proposer la demande"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Cochez au moins un·e aidant·e."),
            "invalid_choice": _("Cet·te aidant·e n’est plus proposé·e pour cette demande."),
        },
    )
    note = _note(_("Note pour l’historique (facultatif)"), rows=2)

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = {str(user.pk): user for user in suggestions}
        self.fields["helpers"].choices = [(key, key) for key in self.suggestions]

    def chosen_helpers(self):
        return [self.suggestions[key] for key in self.cleaned_data["helpers"]]


class ReferForm(VersionedForm):
    note = _note(
        _("Pourquoi orienter vers le niveau national"),
        required=True,
        required_message=_("Indiquez pourquoi la demande part au niveau national."),
    )


class DelayForm(VersionedForm):
    new_date = forms.DateField(
        label=_("Nouvelle date promise"),
        widget=DateInput(),
        validators=[not_in_the_past],
        error_messages={
            "required": _("Indiquez la nouvelle date."),
            "invalid": _("Saisissez une date valide, par exemple 31/12/2030."),
        },
    )
    reason = _note(
        _("Motif du report, tel que le membre le lira"),
        required=True,
        required_message=_("Un report s’annonce avec son motif (le membre le lira)."),
    )


class HandleAlertForm(forms.Form):
    note = forms.CharField(
        label=_("Suites données"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Indiquez les suites données à l’alerte.")},
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("État"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=_("Tous"),
        to_field_name="slug",
    )
    urgent = forms.ChoiceField(
        label=_("Urgence"),
        required=False,
        choices=(("", _("Toutes")), ("1", _("Urgentes seulement")), ("0", _("Non urgentes"))),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Tous les états ouverts"))] + [
            (value, label) for value, label in Status.choices if value in OPEN
        ]

    def apply(self, rows):
        """Narrow the queue (a list from selectors.coordination_queue) to the chosen filters."""
        if not self.is_valid():
            return rows
        status = self.cleaned_data["status"]
        theme = self.cleaned_data["theme"]
        urgent = self.cleaned_data["urgent"]
        if status:
            rows = [row for row in rows if row.status == status]
        if theme is not None:
            rows = [row for row in rows if row.theme_id == theme.pk]
        if urgent:
            wanted = urgent == "1"
            rows = [row for row in rows if row.urgent == wanted]
        return rows


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Nom de la personne"),
        max_length=100,
        required=False,
        help_text=_("Nom, prénom ou nom affiché d’un·e membre actif·ve."),
    )
