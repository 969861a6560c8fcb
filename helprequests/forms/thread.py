"""The message form of a request's private thread, with its private attachments.

It checks what was typed and what was attached (size, kind, content); services.post_message
decides whether this person may write on this request now.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

BODY_MAX_LENGTH = 4000
MAX_FILES = 5
MAX_FILE_SIZE = 5 * 1024 * 1024  # 5 Mo per file

# Allowed kinds: extension -> (content types a browser may announce, how the file starts).
# The start of the file is checked so that a renamed executable or page is refused.
_ZIP = (b"PK\x03\x04",)
ALLOWED_KINDS = {
    "pdf": (("application/pdf",), (b"%PDF-",)),
    "png": (("image/png",), (b"\x89PNG\r\n\x1a\n",)),
    "jpg": (("image/jpeg", "image/pjpeg"), (b"\xff\xd8\xff",)),
    "jpeg": (("image/jpeg", "image/pjpeg"), (b"\xff\xd8\xff",)),
    "odt": (("application/vnd.oasis.opendocument.text", "application/zip"), _ZIP),
    "docx": (
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/zip",
        ),
        _ZIP,
    ),
    "txt": (("text/plain",), None),
}
# What the attachment view sends back, whatever the browser announced on upload.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero to MAX_FILES files, each checked by `check_attachment`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": _accept_attribute()}))
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
            check_attachment(item)
        return files


def _accept_attribute():
    return ",".join("." + extension for extension in ALLOWED_KINDS)


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_attachment(upload):
    """Refuse a file that is too big, of a kind we do not keep, or whose content lies about it."""
    name = upload.name or ""
    extension = extension_of(name)
    if extension not in ALLOWED_KINDS:
        raise forms.ValidationError(
            _(
                "« %(name)s » n’est pas d’un type accepté. Types acceptés : PDF, PNG, JPG, ODT, "
                "DOCX et texte."
            ),
            code="kind",
            params={"name": name[:80]},
        )
    if upload.size > MAX_FILE_SIZE:
        raise forms.ValidationError(
            _("« %(name)s » dépasse 5 Mo : réduisez-le ou envoyez-le autrement."),
            code="size",
            params={"name": name[:80]},
        )
    if upload.size == 0:
        raise forms.ValidationError(
            _("« %(name)s » est vide."), code="empty", params={"name": name[:80]}
        )
    content_types, signatures = ALLOWED_KINDS[extension]
    announced = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if announced and announced not in content_types and announced != "application/octet-stream":
        raise _mismatch(name)
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    if signatures is None:
        # Plain text: no binary content.
        if b"\x00" in head:
            raise _mismatch(name)
    elif not head.startswith(signatures):
        raise _mismatch(name)
    upload.content_type = CONTENT_TYPES[extension]


def _mismatch(name):
    return forms.ValidationError(
        _("Le contenu de « %(name)s » ne correspond pas à son type."),
        code="content",
        params={"name": name[:80]},
    )


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
