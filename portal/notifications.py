"""Notification e-mails: they say that something happened and link to it, nothing more.

Confidentiality is the product (STYLE.md "Quiet about people"): a notification never carries a
name, a subject line written by a member, a message text or a request's content. Callers give a
fixed, translated sentence and a link; the address is read at sending time, so someone who
deleted their account in between is not written to.

Sending goes through the "relais" task backend: `manage.py run_worker` delivers the messages,
and a message that the mail server refuses is tried again later (MAX_ATTEMPTS, growing delays)
while the action that caused it has already succeeded.

Enclosures: a notice may carry what an app builds for its one reader at sending time, such as
a session's calendar file (appointments.confirmations, R-A6, R-P6). The app registers a builder
under a name (register_enclosure); the queued task holds only that name and ids, and the builder
reads the current state when the message leaves: it returns the extra lines of the body and the
files to attach, or None when there is nothing to send any more (the session was cancelled in
between). The same retries apply.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
RETRY_DELAYS_MINUTES = (1, 5, 15, 60, 240)


@dataclass(frozen=True)
class Enclosure:
    """What a builder adds to one notice: lines of the body (fixed sentences and links, never a
    name) and files, each (filename, bytes, mimetype)."""

    lines: list = field(default_factory=list)
    files: list = field(default_factory=list)


_ENCLOSURES = {}


def register_enclosure(name, builder):
    """`builder(user, **params) -> Enclosure | None`, called when a notice naming it is sent."""
    _ENCLOSURES[name] = builder


def absolute_url(path):
    """The link a notification carries: the site's address and an opaque path."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify(recipients, *, subject, message, link, enclosure=None):
    """Send each recipient (users or user ids) an e-mail once the current transaction commits.

    `subject` and `message` are translatable sentences (gettext_lazy), rendered in French, the
    network's language; `link` is a path inside the portal. `enclosure`, if given, is
    `{"name": <registered builder>, "params": {<JSON values, ids only>}}`.
    """
    ids = sorted({getattr(r, "pk", r) for r in recipients if r is not None})
    if not ids:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject_text, message_text = str(subject), str(message)

    def enqueue():
        for user_id in ids:
            deliver_notice.enqueue(
                user_id=user_id,
                subject=subject_text,
                message=message_text,
                link=link,
                attempt=1,
                enclosure=enclosure,
            )

    transaction.on_commit(enqueue, robust=True)


@task(backend="relais", queue_name="mail")
def deliver_notice(*, user_id, subject, message, link, attempt, enclosure=None):
    """Send one notification; on a mail-server failure, queue the next attempt and re-raise."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return "no-recipient"
    extra = Enclosure()
    if enclosure is not None:
        builder = _ENCLOSURES.get(enclosure["name"])
        if builder is None:
            logger.error("notice to user %s: no enclosure %s", user_id, enclosure["name"])
            return "no-enclosure"
        with translation.override(settings.LANGUAGE_CODE):
            extra = builder(user, **enclosure.get("params", {}))
        if extra is None:
            return "nothing-to-send"
    body = render_to_string(
        "portal/email/notice.txt",
        {"message": message, "link": absolute_url(link), "lines": extra.lines},
    )
    email = EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        to=[user.email],
    )
    for filename, content, mimetype in extra.files:
        email.attach(filename, content, mimetype)
    try:
        email.send()
    except Exception:
        logger.warning("notice to user %s failed (attempt %s)", user_id, attempt)
        _retry_later(
            user_id=user_id,
            subject=subject,
            message=message,
            link=link,
            attempt=attempt,
            enclosure=enclosure,
        )
        raise
    return "sent"


def _retry_later(*, user_id, subject, message, link, attempt, enclosure=None):
    if attempt >= MAX_ATTEMPTS:
        logger.error("notice to user %s given up after %s attempts", user_id, attempt)
        return
    backend = deliver_notice.get_backend()
    if not backend.supports_defer:
        return
    delay = RETRY_DELAYS_MINUTES[min(attempt - 1, len(RETRY_DELAYS_MINUTES) - 1)]
    deliver_notice.using(run_after=timezone.now() + timedelta(minutes=delay)).enqueue(
        user_id=user_id,
        subject=subject,
        message=message,
        link=link,
        attempt=attempt + 1,
        enclosure=enclosure,
    )
