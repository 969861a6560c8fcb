from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import identity


class ForumNameForm(forms.Form):
    display_name = forms.CharField(
        label=_("Votre nom sur le forum"),
        max_length=identity.MAX_LENGTH,
        help_text=_(
            "C’est le seul nom que les autres membres voient à côté de vos messages. Un pseudonyme "
            "est possible ; évitez d’y mettre votre nom si vous voulez rester discret·e."
        ),
    )
    linked_to_profile = forms.BooleanField(
        label=_("Montrer ma carte de membre à côté de mes messages"),
        required=False,
        help_text=_(
            "Case décochée (le réglage par défaut), rien ne relie votre nom sur le forum à votre "
            "profil : les autres membres ne voient que ce nom. Si vous la cochez, votre nom sur "
            "le forum est relié à votre fiche de membre : à côté de vos messages, les lecteurs "
            "voient les éléments de votre profil que vos réglages de confidentialité leur "
            "montrent (par exemple votre nom, votre organisation ou vos compétences) et un lien "
            "vers votre fiche. Un pseudonyme ne vous cache alors plus de ces lecteurs."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_display_name(self):
        try:
            return identity.validate_display_name(self.cleaned_data["display_name"], user=self.user)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
