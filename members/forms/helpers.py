"""The helper's profile form (R-K6, R-K9). It only validates what was typed; the service saves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import Theme

from ..models import HelperProfile, WorkMode

# R-K9: remote meetings are favoured, so remote comes first and is the default.
WORK_MODE_CHOICES = [
    (WorkMode.REMOTE, WorkMode.REMOTE.label),
    (WorkMode.BOTH, WorkMode.BOTH.label),
    (WorkMode.IN_PERSON, WorkMode.IN_PERSON.label),
]


def _max_length(name):
    return HelperProfile._meta.get_field(name).max_length


class HelperProfileForm(forms.Form):
    qualifications = forms.CharField(
        label=_("Qualifications et formations"),
        max_length=_max_length("qualifications"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Vos diplômes, formations et expériences d’accompagnement, décrits fidèlement."
        ),
        error_messages={
            "required": _(
                "Décrivez vos qualifications et formations : la coordination les vérifiera."
            )
        },
    )
    certifications = forms.CharField(
        label=_("Certifications"),
        max_length=_max_length("certifications"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facultatif. Par exemple une certification de coach ou de médiateur."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes d’intervention"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label=_("Langues"),
        max_length=_max_length("languages"),
        required=False,
        initial="français",
        help_text=_(
            "Les langues dans lesquelles vous pouvez accompagner, séparées par des virgules."
        ),
    )
    work_mode = forms.ChoiceField(
        label=_("Modalités"),
        choices=WORK_MODE_CHOICES,
        initial=WorkMode.REMOTE,
        widget=forms.RadioSelect,
        help_text=_("Le réseau privilégie les échanges à distance."),
    )

    @classmethod
    def initial_from(cls, profile):
        if profile is None:
            return {"languages": "français", "work_mode": WorkMode.REMOTE}
        return {
            "qualifications": profile.qualifications,
            "certifications": profile.certifications,
            "themes": list(profile.themes.all()),
            "languages": profile.languages,
            "work_mode": profile.work_mode,
        }
