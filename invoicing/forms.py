"""Forms of the invoicing pages: they check the shape; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import VatStatus
from .siret import normalise_siret, validate_siret


class BusinessDetailsForm(forms.Form):
    legal_name = forms.CharField(
        label=_("Nom ou raison sociale"),
        max_length=200,
        help_text=_("Tel qu’il figure sur vos documents officiels (micro-entreprise, société…)."),
    )
    address = forms.CharField(label=_("Adresse"), widget=forms.Textarea(attrs={"rows": 3}))
    siret = forms.CharField(
        label=_("Numéro SIRET"), max_length=20, help_text=_("14 chiffres, espaces acceptés.")
    )
    vat_status = forms.ChoiceField(
        label=_("TVA"), choices=VatStatus.choices, widget=forms.RadioSelect
    )
    vat_number = forms.CharField(
        label=_("Numéro de TVA intracommunautaire"),
        max_length=20,
        required=False,
        help_text=_("Seulement si vous êtes assujetti·e à la TVA."),
    )

    def clean_siret(self):
        value = normalise_siret(self.cleaned_data["siret"])
        validate_siret(value)
        return value


class IssueForm(forms.Form):
    """The draft's revision as the helper read it: a draft changed since is not issued."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RefreshForm(forms.Form):
    pass


class CreditNoteForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de l’avoir"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pour la coordination ; il ne figure pas sur l’avoir. Ne nommez personne."),
    )


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Payée le"), widget=forms.DateInput(attrs={"type": "date"}))
