"""The accreditation pages' forms: they carry what was typed; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Outcome, PauseReason, SupervisionKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PauseForm(forms.Form):
    pause_reason = forms.ChoiceField(
        label=_("Pourquoi (facultatif, seule la catégorie est conservée)"),
        choices=[("", "—"), *PauseReason.choices],
        required=False,
    )
    return_on = forms.DateField(label=_("Retour prévu (facultatif)"), required=False, widget=DATE)


class ResumeForm(forms.Form):
    """Nothing to type: ending one's pause."""


class DecisionForm(forms.Form):
    """A coordinator suspends, withdraws or reinstates, with the reason the helper reads."""

    ACTIONS = (
        ("suspend", _("Suspendre")),
        ("withdraw", _("Retirer l’agrément")),
        ("reinstate", _("Rétablir l’agrément")),
    )
    decision = forms.ChoiceField(label=_("Décision"), choices=ACTIONS)
    reason = forms.CharField(
        label=_("Motif (l’aidant·e le lira)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplaintForm(forms.Form):
    helper = forms.ModelChoiceField(label=_("Aidant·e concerné·e"), queryset=None, empty_label=None)
    charter_article = forms.CharField(
        label=_("Article de la charte que vous invoquez"),
        max_length=120,
        help_text=_("Par exemple : article 4, confidentialité."),
    )
    account = forms.CharField(
        label=_("Ce qui s’est passé"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000
    )
    anonymous = forms.BooleanField(
        label=_("Ne pas dire à l’aidant·e qui a déposé cette plainte"), required=False, initial=True
    )

    def __init__(self, *args, helpers, helper_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helper"].queryset = helpers
        self.fields["helper"].label_from_instance = helper_label


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Suite donnée"), choices=Outcome.choices)
    note = forms.CharField(
        label=_("Explication (l’aidant·e la lira)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class InsuranceForm(forms.Form):
    insurer = forms.CharField(label=_("Assureur"), max_length=120)
    policy_number = forms.CharField(label=_("Numéro de contrat"), max_length=60, required=False)
    expires_on = forms.DateField(label=_("Date d’échéance"), widget=DATE)


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Formation"), max_length=200)
    organiser = forms.CharField(label=_("Dispensée par"), max_length=120, required=False)
    completed_on = forms.DateField(label=_("Date"), widget=DATE)
    hours = forms.IntegerField(label=_("Heures"), min_value=1, max_value=999, required=False)


class SupervisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Supervision"), choices=SupervisionKind.choices)
    name = forms.CharField(label=_("Superviseur·e ou groupe de pairs"), max_length=160)
