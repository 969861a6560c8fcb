from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors


class DashboardFilter(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Période"),
        coerce=int,
        choices=[(n, _("%(n)d derniers mois") % {"n": n}) for n in selectors.PERIODS],
        initial=selectors.DEFAULT_PERIOD,
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=selectors.organisations(),
        to_field_name="public_id",
        empty_label=_("Toutes les organisations"),
        required=False,
    )

    def choice(self):
        """(months, organisation or None), the defaults when the filter is not valid."""
        if not self.is_valid():
            return selectors.DEFAULT_PERIOD, None
        return (
            self.cleaned_data["months"] or selectors.DEFAULT_PERIOD,
            self.cleaned_data["organisation"],
        )
