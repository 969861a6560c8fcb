"""Forms of appointments: they only read what was typed; the services decide."""

from django import forms
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from members import privacy
from portal.dates import format_date

from . import selectors
from .models import ContributionKind, Weekday


class PartnerField(forms.ModelChoiceField):
    """Another helper to share a slot with (R-P3), each named as members.privacy names them to
    the helper who fills the form."""

    def __init__(self, *args, viewer=None, **kwargs):
        self.viewer = viewer
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return privacy.person_for(self.viewer, obj, context=privacy.LISTING).name


class SlotForm(forms.Form):
    """A slot, with an optional partner chosen among `selectors.partners_for(viewer)`."""

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"] = PartnerField(
            selectors.partners_for(viewer),
            viewer=viewer,
            label=_("En binôme avec (facultatif)"),
            required=False,
            empty_label=_("— seul·e —"),
        )


class WeeklySlotForm(SlotForm):
    weekday = forms.TypedChoiceField(label=_("Jour"), choices=Weekday.choices, coerce=int)
    start_time = forms.TimeField(
        label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    until = forms.DateField(
        label=_("Jusqu’au (facultatif)"),
        required=False,
        help_text=_("Sans date, le créneau revient chaque semaine."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class SingleSlotForm(SlotForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Heure de début"), widget=forms.TimeInput(attrs={"type": "time"})
    )


class AbsenceForm(forms.Form):
    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)

    starts_on = forms.DateField(label=_("Du"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Au"), widget=forms.DateInput(attrs={"type": "date"}))


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de l’annulation"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtensionForm(forms.Form):
    extra = forms.IntegerField(label=_("Entretiens supplémentaires"), min_value=1, max_value=10)
    reason = forms.CharField(
        label=_("Motif (conservé)"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class BookForm(forms.Form):
    starts_at = forms.CharField(widget=forms.HiddenInput)
    remote_details = forms.CharField(
        label=_("Détails de l’appel ou de la visio (facultatif)"), max_length=500, required=False
    )


class OfferForm(forms.Form):
    """R-P3, R-P4: the helper who took a request offers the member one of their free slots, with
    how the member reaches them. The slot is checked by the service, not here."""

    starts_at = forms.CharField(label=_("Créneau"), widget=forms.RadioSelect)
    remote_details = forms.CharField(
        label=_("Comment le membre vous joint (numéro, lien de visio)"),
        max_length=500,
        help_text=_("Le membre le lit sur la page de sa demande et dans « Mes entretiens »."),
    )

    def __init__(self, *args, moments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].widget.choices = [
            (moment.isoformat(), format_date(localtime(moment), "l j F, H:i")) for moment in moments
        ]


class UrgentForm(forms.Form):
    """R-P5: a coordinator sets an urgent session at any time, outside the published slots."""

    starts_at = forms.DateTimeField(
        label=_("Date et heure (heure de Paris)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    remote_details = forms.CharField(
        label=_("Détails de l’appel ou de la visio (facultatif)"), max_length=500, required=False
    )


class HelperFeedbackForm(forms.Form):
    """R-A7: the operator's questionnaire after a session."""

    difficulties = forms.CharField(
        label=_("Difficultés rencontrées"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    improvements = forms.CharField(
        label=_("Améliorations suggérées"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MemberFeedbackForm(forms.Form):
    """R-K13: how the session went, for the coordination only."""

    rating = forms.TypedChoiceField(
        label=_("Comment s’est passé cet entretien ? (1 : pas bien, 5 : très bien)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Un commentaire (facultatif, lu par la coordination seulement)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TermsForm(forms.Form):
    """R-K3, R-K4: the member confirms the terms and, where asked, chooses a contribution."""

    understood = forms.BooleanField(label=_("J’ai lu et compris ces conditions."), required=True)
    contribution = forms.ChoiceField(
        label=_("Ma contribution"),
        choices=ContributionKind.choices,
        initial=ContributionKind.NONE,
        widget=forms.RadioSelect,
        required=False,
    )
    amount_eur = forms.IntegerField(
        label=_("Montant de ma contribution financière (en euros)"), min_value=1, required=False
    )


class ButtonForm(forms.Form):
    """A bare button (a session noted held, a member who did not come, a slot removed): nothing
    is typed, the press is the whole form; the service decides."""


class RemoteDetailsForm(forms.Form):
    """R-K9: the call or video details the helper gives; the service checks who and when."""

    remote_details = forms.CharField(max_length=500, required=False)


class NextStepForm(forms.Form):
    """R-A10: which next step the helper proposes; the service checks it is theirs to give."""

    step = forms.CharField(max_length=20)
