"""The rules every file a member uploads must pass: kind, size, content, and its name on disk.

One set of rules for the private thread of a help request (helprequests/forms/thread.py,
helprequests/services/messages.py) and for forum attachments (forum/forms.py): a file is kept
only if its extension is on the allow-list, it is not empty, not over the limit given by the
caller, and its first bytes match its extension, so that a renamed program or web page is
refused. Stored files get a random name: the name a person gave a file may name someone, and a
crafted one must never decide where or how the file is written.
"""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

MEGABYTE = 1024 * 1024
# The README's limit for anything uploaded to the portal.
MAX_UPLOAD_SIZE = 10 * MEGABYTE

# Allowed kinds: extension -> (content types a browser may announce, how the file starts).
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
# What is sent back when the file is downloaded, whatever the browser announced on upload.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
}
KINDS_LABEL = _("PDF, PNG, JPG, ODT, DOCX ou texte")


def accept_attribute():
    """The `accept` attribute of a file input: the browser offers only allowed kinds."""
    return ",".join("." + extension for extension in ALLOWED_KINDS)


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def random_name(name):
    """A new random file name keeping only the (allowed) extension of `name`."""
    return f"{uuid.uuid4().hex}.{extension_of(name)}"


def check_upload(upload, *, max_size=MAX_UPLOAD_SIZE):
    """Refuse a file that is too big, empty, of a kind we do not keep, or whose content lies
    about its kind. Raises forms.ValidationError with a French message naming the file."""
    name = (upload.name or "")[:80]
    extension = extension_of(upload.name)
    if extension not in ALLOWED_KINDS:
        raise forms.ValidationError(
            _("« %(name)s » n’est pas d’un type accepté. Types acceptés : %(kinds)s."),
            code="kind",
            params={"name": name, "kinds": KINDS_LABEL},
        )
    if upload.size > max_size:
        raise forms.ValidationError(
            _("« %(name)s » dépasse %(limit)s Mo : réduisez-le ou envoyez-le autrement."),
            code="size",
            params={"name": name, "limit": max_size // MEGABYTE},
        )
    if upload.size == 0:
        raise forms.ValidationError(
            _("« %(name)s » est vide."), code="empty", params={"name": name}
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
        params={"name": name},
    )
