"""Forms of "Mon profil" and "Ma confidentialité" (R-C6, R-C7).

They only validate what was typed; members.services.profiles saves it, for request.user only.
Neither form has a field that names a person: there is nothing to tamper with.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.models import Theme

from .. import privacy
from ..models import Profile, User
from ..models.profiles import phone_validator
from ..names import validate_shown_name
from ..services.profiles import EDITABLE_FIELDS, NOT_OFFERED

NEVER_PUBLIC = _("Cet élément ne peut pas être rendu public.")
MAX_SKILLS = 20
AUTOCOMPLETE = {
    "first_name": "given-name",
    "last_name": "family-name",
    "phone": "tel",
    "job_title": "organization-title",
    "postal_address": "street-address",
}
MAX_SKILL_LENGTH = 100  # members.Skill.name


def _max_length(model, name):
    return model._meta.get_field(name).max_length


def _text(label, model, name, *, rows=None, help_text="", **kwargs):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label,
        max_length=_max_length(model, name),
        required=False,
        widget=widget,
        help_text=help_text,
        **kwargs,
    )


def split_skills(text):
    """Skills typed as "écoute, droit du travail": commas separate, spaces stay inside a skill."""
    seen = {}
    for part in (text or "").split(","):
        name = " ".join(part.split())
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


class ProfileForm(forms.Form):
    first_name = _text(_("Prénom"), User, "first_name", validators=[validate_shown_name])
    last_name = _text(
        pgettext_lazy("nom de famille", "Nom"), User, "last_name", validators=[validate_shown_name]
    )
    display_name = _text(
        _("Nom affiché"),
        Profile,
        "display_name",
        validators=[validate_shown_name],
        help_text=_("Le nom sous lequel les autres vous voient ; un pseudonyme est possible."),
    )
    phone = _text(
        _("Téléphone"),
        Profile,
        "phone",
        validators=[phone_validator],
        help_text=_("Par exemple 06 12 34 56 78 ou +33 6 12 34 56 78."),
    )
    job_title = _text(_("Fonction"), Profile, "job_title")
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        empty_label=_("Aucune ou ne souhaite pas le dire"),
        error_messages={"invalid_choice": _("Choisissez une organisation de la liste.")},
    )
    postal_address = _text(_("Adresse postale"), Profile, "postal_address", rows=3)
    skills = forms.CharField(
        label=_("Compétences"),
        required=False,
        max_length=1000,
        help_text=_("Séparées par des virgules, par exemple : écoute, droit du travail."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes qui vous intéressent"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choisissez des thèmes de la liste.")},
    )
    hobbies = _text(_("Centres d’intérêt"), Profile, "hobbies", rows=3)
    particularities = _text(
        _("Particularités"),
        Profile,
        "particularities",
        rows=3,
        help_text=_("Ce que vous souhaitez offrir au réseau ou qu’il est utile de savoir."),
    )
    bio = _text(_("Présentation"), Profile, "bio", rows=6)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for name, token in AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token

    def clean_skills(self):
        skills = split_skills(self.cleaned_data["skills"])
        if len(skills) > MAX_SKILLS:
            raise forms.ValidationError(
                _("Indiquez au plus %(max)d compétences."), params={"max": MAX_SKILLS}
            )
        if any(len(name) > MAX_SKILL_LENGTH for name in skills):
            raise forms.ValidationError(
                _("Chaque compétence compte au plus %(max)d caractères."),
                params={"max": MAX_SKILL_LENGTH},
            )
        return skills

    @classmethod
    def initial_for(cls, user, profile):
        if profile is None:
            return {"first_name": user.first_name, "last_name": user.last_name}
        initial = {name: getattr(profile, name) for name in EDITABLE_FIELDS}
        initial.update(
            first_name=user.first_name,
            last_name=user.last_name,
            skills=", ".join(skill.name for skill in profile.skills.all()),
            themes=list(profile.themes.all()),
        )
        return initial


class PrivacyForm(forms.Form):
    """One radio group per profile item, offering only what privacy.allowed_choices allows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in privacy.FIELDS:
            self.fields[field.visibility_attr] = forms.ChoiceField(
                label=field.label,
                choices=privacy.allowed_choices(field),
                widget=forms.RadioSelect,
                help_text="" if field.public_allowed else NEVER_PUBLIC,
                error_messages={
                    "invalid_choice": NOT_OFFERED,
                    "required": _("Choisissez qui peut voir ce champ."),
                },
            )

    @staticmethod
    def initial_for(profile):
        return {
            field.visibility_attr: getattr(profile, field.visibility_attr)
            for field in privacy.FIELDS
        }

    def choices(self):
        """The cleaned choices keyed as services.profiles.update_privacy expects."""
        return {field.key: self.cleaned_data[field.visibility_attr] for field in privacy.FIELDS}

    def groups(self):
        """Bound fields with the privacy field they belong to, for the template."""
        return [(field, self[field.visibility_attr]) for field in privacy.FIELDS]
