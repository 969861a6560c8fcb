"""Forms of the joining steps (R-C6, R-C7, R-C15) and of the coordinators' decisions.

They validate what was typed; members.services.joining saves it, for request.user only.
The questionnaire is the profile form plus, for each item, who may see it: the same fields and
rules as "Mon profil" and "Ma confidentialité", so that joining cannot offer what they refuse.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import CharterKind

from .. import privacy
from ..models import Profile
from ..services.profiles import EDITABLE_FIELDS
from .profiles import PrivacyForm, ProfileForm

# R-C6: identity and contact details are asked of everyone; the rest is offered freely.
REQUIRED_AT_JOINING = ("first_name", "last_name", "phone", "job_title")
IDENTITY_ITEMS = (
    "display_name",
    "name",
    "email",
    "phone",
    "job_title",
    "organisation",
    "postal_address",
)


class QuestionnaireForm(ProfileForm):
    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, organisations=organisations, **kwargs)
        for name in REQUIRED_AT_JOINING:
            self.fields[name].required = True
        for name, field in PrivacyForm().fields.items():
            field.label = _("Qui peut voir cet élément ?")
            self.fields[name] = field

    @staticmethod
    def initial_for(user, profile):
        """What the person typed before, and the protective defaults of the model."""
        initial = ProfileForm.initial_for(user, profile)
        initial.update(PrivacyForm.initial_for(profile or Profile()))
        return initial

    def profile_values(self):
        """Keyword arguments for services.joining.submit_questionnaire."""
        data = self.cleaned_data
        values = {name: data[name] for name in EDITABLE_FIELDS}
        values.update(
            first_name=data["first_name"],
            last_name=data["last_name"],
            skills=data["skills"],
            themes=list(data["themes"]),
            visibilities={field.key: data[field.visibility_attr] for field in privacy.FIELDS},
        )
        return values

    def sections(self):
        """The items of the profile in two groups, each item with its input(s) and the choice of
        who may see it: [(heading, [{"field", "inputs", "visibility"}, …]), …]."""
        inputs = {"name": ["first_name", "last_name"], "email": []}
        items = [
            {
                "field": field,
                "inputs": [self[name] for name in inputs.get(field.key, [field.key])],
                "visibility": self[field.visibility_attr],
            }
            for field in privacy.FIELDS
        ]
        return [
            (
                _("Identité et coordonnées"),
                [item for item in items if item["field"].key in IDENTITY_ITEMS],
            ),
            (
                _("Ce que vous offrez au réseau (facultatif)"),
                [item for item in items if item["field"].key not in IDENTITY_ITEMS],
            ),
        ]


class TermsForm(forms.Form):
    """Accepting one version of a charter, of any kind (membership terms, helper charter, forum
    rules): the version shown, and an explicit, unticked checkbox (R-C6, R-C14), so nothing is
    accepted by default. A page may word the checkbox for its charter."""

    charter = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.BooleanField(
        required=True,
        initial=False,
        label=_("J’ai lu ces conditions et je les accepte."),
        error_messages={"required": _("Cochez la case pour accepter les conditions.")},
    )

    # R-A13, R-K11: the helper charter asks for the ethics commitment too, ticked on its own.
    ethics = forms.BooleanField(
        required=True,
        initial=False,
        label=_(
            "Je m’engage à respecter chaque personne : aucune discrimination, aucun "
            "prosélytisme, aucune approche sectaire et aucune manipulation."
        ),
        error_messages={"required": _("Cochez la case pour signer l’engagement éthique.")},
    )

    def __init__(self, *args, accept_label=None, required_message=None, ethics=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not ethics:
            del self.fields["ethics"]
        if accept_label is not None:
            self.fields["accept"].label = accept_label
        if required_message is not None:
            self.fields["accept"].error_messages["required"] = required_message


class DecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[(APPROVE, _("Accepter l’adhésion")), (REJECT, _("Refuser l’adhésion"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez d’accepter ou de refuser."),
            "invalid_choice": _("Choisissez d’accepter ou de refuser."),
        },
    )
    reason = forms.CharField(
        label=_("Motif (obligatoire en cas de refus)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "La personne lira ce motif sur son espace après connexion ; il n’est jamais envoyé "
            "par e-mail."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REJECT and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Indiquez le motif du refus : la personne le lira."))
        return cleaned


class AcceptanceFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Texte"),
        required=False,
        choices=[("", _("Tous"))] + list(CharterKind.choices),
    )
    version = forms.ChoiceField(label=_("Version"), required=False, choices=[])

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [("", _("Toutes"))] + [(v, v) for v in versions]
