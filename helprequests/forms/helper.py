"""Forms of the helper's pages (issue #6). They only check what was typed; the services decide
whether the helper may act, from which state, and record it.

Every form carries the request's `version` as rendered: the service refuses a form posted from an
older state (a replayed or stale form).
"""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import roles
from members.models import User
from members.privacy import person_for

from ..models import AlertKind, HelpKind

NOTE_MAX_LENGTH = 1000


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


def _note(label, *, required=False, help_text="", rows=3, max_length=NOTE_MAX_LENGTH):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}),
    )


class AcceptForm(VersionedForm):
    pass


class DeclineForm(VersionedForm):
    note = _note(
        _("Pourquoi déclinez-vous ? (facultatif)"),
        help_text=_("Seule la coordination lit cette note."),
    )


class StepAsideForm(VersionedForm):
    note = _note(
        _("Un mot pour la coordination (facultatif)"),
        help_text=_(
            "Inutile de dire qui vous pensez reconnaître : la demande sera proposée à quelqu’un "
            "d’autre."
        ),
    )


class ConsentForm(VersionedForm):
    pass


class StartForm(VersionedForm):
    pass


class DelayForm(VersionedForm):
    """R-C3: a new date and its reason, which the member sees."""

    new_date = forms.DateField(
        label=_("Nouvelle date promise"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = _note(
        _("Motif du report"),
        required=True,
        help_text=_("Le membre lira ce motif : expliquez simplement ce qui retarde la réponse."),
    )

    def clean_new_date(self):
        new_date = self.cleaned_data["new_date"]
        if new_date <= timezone.localdate():
            raise forms.ValidationError(_("Choisissez une date à venir."), code="past")
        return new_date


class AlertForm(VersionedForm):
    """R-A12: a danger to someone, unlawful acts, another serious situation."""

    kind = forms.ChoiceField(
        label=_("Nature de l’alerte"), choices=AlertKind.choices, widget=forms.RadioSelect
    )
    note = _note(
        _("Ce qui se passe"),
        required=True,
        rows=4,
        help_text=_("Les faits, sans plus de détails personnels que nécessaire."),
    )


YES_NO = [("yes", _("Oui")), ("no", _("Non"))]


class OutcomeForm(VersionedForm):
    """R-C13: a short report, with neither price nor duration."""

    help_kind = forms.ChoiceField(
        label=_("Nature de l’aide apportée"), choices=HelpKind.choices, widget=forms.RadioSelect
    )
    settled = forms.ChoiceField(
        label=_("La situation est-elle réglée ?"), choices=YES_NO, widget=forms.RadioSelect
    )
    note = _note(
        _("Remarques (facultatif)"),
        help_text=_(
            "Quelques lignes, sans durée ni prix, ni détail qui identifierait la personne."
        ),
    )

    def clean_settled(self):
        return self.cleaned_data["settled"] == "yes"


class OfferForm(VersionedForm):
    """R-C5: a longer accompaniment, the usual price beside the network's price."""

    title = forms.CharField(label=_("Intitulé"), max_length=120)
    description = _note(_("Ce que comprend l’accompagnement"), required=True, max_length=2000)
    usual_price = forms.DecimalField(
        label=_("Prix habituel (€)"), min_value=Decimal("0"), max_digits=8, decimal_places=2
    )
    network_price = forms.DecimalField(
        label=_("Prix pour le réseau (€)"), min_value=Decimal("0"), max_digits=8, decimal_places=2
    )

    def clean(self):
        cleaned = super().clean()
        usual, network = cleaned.get("usual_price"), cleaned.get("network_price")
        if usual is not None and network is not None and network > usual:
            self.add_error(
                "network_price",
                _("Le prix pour le réseau ne peut pas dépasser le prix habituel."),
            )
        return cleaned


class SupervisorChoiceField(forms.ModelChoiceField):
    def __init__(self, *, viewer, **kwargs):
        self.viewer = viewer
        super().__init__(**kwargs)

    def label_from_instance(self, user):
        return person_for(self.viewer, user).name


class SupervisionForm(VersionedForm):
    """R-K8: ask the member's agreement to discuss the case with a supervisor helper."""

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        helpers = (
            User.objects.filter(groups__name=roles.HELPERS, is_active=True)
            .exclude(pk=viewer.pk)
            .select_related("profile")
            .order_by("last_name", "first_name", "pk")
            .distinct()
        )
        self.fields["supervisor"] = SupervisorChoiceField(
            viewer=viewer,
            queryset=helpers,
            label=_("Aidant·e superviseur·e"),
            empty_label=_("Choisissez…"),
            help_text=_(
                "Le membre devra d’abord donner son accord ; la personne choisie ne recevra "
                "qu’un résumé anonymisé, jamais l’identité du membre."
            ),
        )


class SummaryForm(VersionedForm):
    """R-K8: the anonymised summary, once the member has agreed."""

    share = forms.IntegerField(widget=forms.HiddenInput)
    summary = _note(
        _("Résumé anonymisé"),
        required=True,
        rows=6,
        max_length=3000,
        help_text=_(
            "Ni nom, ni organisation, ni lieu, ni date qui permettraient de reconnaître la "
            "personne : seulement la situation et vos questions."
        ),
    )


class ResolveForm(VersionedForm):
    note = _note(
        _("Un dernier mot (facultatif)"),
        help_text=_("Le membre recevra ensuite le questionnaire de satisfaction."),
    )
