from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import modelformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from machina.apps.forum_conversation.forum_attachments import forms as machina_attachments
from machina.core.db.models import get_model

from portal import uploads

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


# --- Attachments of a post (security issue, item 7) -------------------------------------------

MAX_ATTACHMENTS = 5
Attachment = get_model("forum_attachments", "Attachment")


class AttachmentForm(machina_attachments.AttachmentForm):
    """One file of a post: the upload rules of portal/uploads.py (kind, 10 MB, content), the
    same as the private thread's; stored under a random name, never the one it came with."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = uploads.accept_attribute()
        self.fields["file"].help_text = _(
            "%(kinds)s ; 10 Mo au plus par fichier, %(count)s fichiers au plus par message. "
            "Le nom du fichier n’est pas conservé : décrivez-le dans le commentaire si besoin."
        ) % {"kinds": uploads.KINDS_LABEL, "count": MAX_ATTACHMENTS}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new file, not the one already attached
            uploads.check_upload(upload, max_size=uploads.MAX_UPLOAD_SIZE)
            upload.name = uploads.random_name(upload.name)
        return upload


class BaseAttachmentFormset(machina_attachments.BaseAttachmentFormset):
    default_error_messages = {
        **machina_attachments.BaseAttachmentFormset.default_error_messages,
        "too_many_forms": ngettext_lazy(
            "Joignez au plus %(num)d fichier par message.",
            "Joignez au plus %(num)d fichiers par message.",
            "num",
        ),
    }


AttachmentFormset = modelformset_factory(
    Attachment,
    AttachmentForm,
    formset=BaseAttachmentFormset,
    can_delete=True,
    extra=1,
    max_num=MAX_ATTACHMENTS,
    validate_max=True,
    absolute_max=MAX_ATTACHMENTS,
)
