"""The accreditation pages' forms: they carry what was typed; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Outcome, PauseReason, SupervisionKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PauseForm(forms.Form):
    pause_reason = forms.ChoiceField(
        label=_("Why (optional, only the category is kept)"),
        choices=[("", "—"), *PauseReason.choices],
        required=False,
    )
    return_on = forms.DateField(label=_("Expected return (optional)"), required=False, widget=DATE)


class ResumeForm(forms.Form):
    """Nothing to type: ending one's pause."""


class DecisionForm(forms.Form):
    """A coordinator suspends, withdraws or reinstates, with the reason the helper reads."""

    ACTIONS = (
        ("suspend", _("Suspend")),
        ("withdraw", _("Withdraw the accreditation")),
        ("reinstate", _("Reinstate")),
    )
    decision = forms.ChoiceField(label=_("Decision"), choices=ACTIONS)
    reason = forms.CharField(
        label=_("Reason (the helper reads it)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplaintForm(forms.Form):
    helper = forms.ModelChoiceField(label=_("About"), queryset=None, empty_label=None)
    charter_article = forms.CharField(
        label=_("Article of the charter you invoke"),
        max_length=120,
        help_text=_("For example: article 4, confidentiality."),
    )
    account = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000
    )
    anonymous = forms.BooleanField(
        label=_("Do not tell the helper who made this complaint"), required=False, initial=True
    )

    def __init__(self, *args, helpers, helper_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helper"].queryset = helpers
        self.fields["helper"].label_from_instance = helper_label


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    note = forms.CharField(
        label=_("Explanation (the helper reads it)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class InsuranceForm(forms.Form):
    insurer = forms.CharField(label=_("Insurer"), max_length=120)
    policy_number = forms.CharField(label=_("Policy number"), max_length=60, required=False)
    expires_on = forms.DateField(label=_("Expires on"), widget=DATE)


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Training"), max_length=200)
    organiser = forms.CharField(label=_("Given by"), max_length=120, required=False)
    completed_on = forms.DateField(label=_("Date"), widget=DATE)
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=999, required=False)


class SupervisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Supervision"), choices=SupervisionKind.choices)
    name = forms.CharField(label=_("Supervisor or peer group"), max_length=160)
