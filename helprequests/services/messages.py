"""The private thread of a request: member, coordinators and the helper who took it.

Notification e-mails say only that there is something new, with a link (no content, no subject,
no name). Attachments are stored under a random name (models.exchange.attachment_path) and
served only through the request's pages; retention deletes them from storage (R-K7, R-G10).
"""

import os

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import uploads

from .. import permissions
from ..errors import RequestError
from ..models import Message, MessageAttachment
from . import common

BODY_MAX_LENGTH = 5000
MAX_FILES = 5
MAX_FILE_SIZE = uploads.MAX_UPLOAD_SIZE
# The allow-list of portal/uploads.py, which the message form also checks file contents against.
ALLOWED_EXTENSIONS = {f".{extension}": kind for extension, kind in uploads.CONTENT_TYPES.items()}


def _clean_files(files):
    files = [f for f in (files or ()) if f]
    if len(files) > MAX_FILES:
        raise RequestError(
            _("Joignez au plus %(count)s fichiers à un message.") % {"count": MAX_FILES},
            code="files",
        )
    cleaned = []
    for upload in files:
        name = os.path.basename(getattr(upload, "name", "") or "")
        extension = os.path.splitext(name)[1].lower()
        if extension not in ALLOWED_EXTENSIONS:
            raise RequestError(
                _(
                    "Ce type de fichier n’est pas accepté (PDF, image, texte ou traitement de "
                    "texte)."
                ),
                code="file_type",
            )
        size = getattr(upload, "size", None) or 0
        if size <= 0:
            raise RequestError(_("Un fichier joint est vide."), code="file_empty")
        if size > MAX_FILE_SIZE:
            raise RequestError(_("Un fichier joint dépasse 10 Mo."), code="file_size")
        cleaned.append((upload, name[:200], size, ALLOWED_EXTENSIONS[extension]))
    return cleaned


@transaction.atomic
def post_message(*, request, by, body, files=(), version=None):
    """Add a message (and its private attachments) to the thread of an open request."""
    request = common.lock(request)
    role = permissions.check("post_message", request, by)
    if version is not None:
        common.check_version(request, version)
    body = common.clean_text(body, label=_("Message"), max_length=BODY_MAX_LENGTH)
    files = _clean_files(files)
    now = timezone.now()
    message = Message.objects.create(
        request=request, author=by, author_role=role, body=body, created_at=now
    )
    message.request = request
    for upload, name, size, content_type in files:
        MessageAttachment.objects.create(
            message=message, file=upload, original_name=name, size=size, content_type=content_type
        )
    common.logger.info(
        "help request %s: message %s by user %s as %s", request.pk, message.pk, by.pk, role
    )

    subject = _("Nouveau message")
    text = _("Un nouveau message vous attend sur une demande d’aide.")
    if role != permissions.MEMBER:
        common.tell_member(request, subject=subject, message=text)
    common.tell_coordinators(request, subject=subject, message=text, exclude=by)
    taking = common.taking_routing(request)
    if taking is not None and taking.helper_id != by.pk:
        common.tell_helpers(request, [taking.helper_id], subject=subject, message=text)
    return message
