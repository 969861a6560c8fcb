"""The message form of a request's private thread, with its private attachments.

It checks what was typed and what was attached (size, kind, content: the rules of
portal/uploads.py, shared with the forum); services.post_message
decides whether this person may write on this request now.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from portal import uploads

BODY_MAX_LENGTH = 4000
MAX_FILES = 5
MAX_FILE_SIZE = 5 * uploads.MEGABYTE  # 5 Mo per file


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero to MAX_FILES files, each checked by portal/uploads.py."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": uploads.accept_attribute()}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [super(AttachmentsField, self).clean(item, initial) for item in files]
        files = [item for item in files if item]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                ngettext_lazy(
                    "Joignez au plus %(count)d fichier par message.",
                    "Joignez au plus %(count)d fichiers par message.",
                    MAX_FILES,
                ),
                code="too_many",
                params={"count": MAX_FILES},
            )
        for item in files:
            uploads.check_upload(item, max_size=MAX_FILE_SIZE)
        return files


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": BODY_MAX_LENGTH}),
        error_messages={
            "required": _("Écrivez votre message avant de l’envoyer."),
            "max_length": _(
                "Votre message est trop long : %(limit_value)d caractères au plus "
                "(il en compte %(show_value)d)."
            ),
        },
    )
    files = AttachmentsField(
        label=_("Pièces jointes (facultatif)"),
        help_text=_(
            "PDF, PNG, JPG, ODT, DOCX ou texte ; 5 Mo au plus par fichier, 5 fichiers au plus. "
            "Seules les personnes de cet échange pourront les télécharger."
        ),
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(
                _("Écrivez votre message avant de l’envoyer."), code="required"
            )
        return body
