"""Forms of data rights (R-C8): deleting one's account, filtering the access log."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import privacy
from ..services import data_rights


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password again: a walk-by on a shared computer cannot."""

    password = forms.CharField(
        label=_("Votre mot de passe actuel"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    remove_forum_posts = forms.BooleanField(
        label=_("Supprimer aussi mes messages du forum"),
        required=False,
        help_text=_(
            "Sinon, vos messages restent, signés « Ancien membre », pour que les discussions "
            "gardent leur sens."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Ce mot de passe n’est pas le bon. Votre compte n’a pas été supprimé."),
                code="wrong_password",
            )
        return password


class CoordinatorChoiceField(forms.ModelChoiceField):
    viewer = None

    def label_from_instance(self, obj):
        # Named as privacy names people to the coordination's tools (the log's own column too).
        person = privacy.person_for(self.viewer, obj, context=privacy.IDENTIFY)
        return person.known_name or str(_("Compte sans nom"))


class AccessLogFilterForm(forms.Form):
    coordinateur = CoordinatorChoiceField(
        label=_("Consultations faites par"),
        queryset=None,
        to_field_name="public_id",
        required=False,
        empty_label=_("Toute la coordination"),
        error_messages={
            "invalid_choice": _("Cette personne ne fait pas partie de la coordination.")
        },
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinateur"].queryset = data_rights.access_reviewers()
        self.fields["coordinateur"].viewer = viewer
