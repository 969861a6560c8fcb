"""Retention (R-K7, R-G10): personal content is destroyed, the anonymised facts stay.

What goes: the link to the requester, every text a person wrote (subject, description, since
when, call-back phone, job title, decline reason, referral, messages, alert notes, outcome
remarks, questionnaire comment, offers' texts, supervision summaries, notes of the history,
helpers' answers, delay reasons) and the attachments, deleted from storage.

What stays, for the indicators (R-P8, R-K13, R-A2): theme, organisation, urgency, channel,
on-behalf-of-client, the dates and the status, the history's actions and roles, the outcome's
kind and whether it was settled, the satisfaction scores, offer prices and answers, and counts
(messages, alerts, routings).
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .. import access
from ..models import (
    Alert,
    DelayNotice,
    HelpRequest,
    Message,
    MessageAttachment,
    Offer,
    OutcomeReport,
    Routing,
    SatisfactionAnswer,
    Status,
    SupervisionShare,
    Transition,
)
from ..network_settings import current_settings
from . import common

logger = logging.getLogger("helprequests")

ERASED_REQUEST_FIELDS = {
    "requester": None,
    "subject": "",
    "description": "",
    "since": "",
    "callback_phone": "",
    "job_title": "",
    "decline_reason": "",
    "referral": "",
}


def _delete_attachment_files(request):
    attachments = list(MessageAttachment.objects.filter(message__request=request))
    for attachment in attachments:
        if attachment.file:
            attachment.file.storage.delete(attachment.file.name)
    MessageAttachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    return len(attachments)


@transaction.atomic
def erase_request_content(*, request, now=None):
    """Erase the personal content of one request, at once (retention or account deletion)."""
    now = now or timezone.now()
    request = common.lock(request)
    files = _delete_attachment_files(request)
    Message.objects.filter(request=request).update(body="")
    Alert.objects.filter(request=request).update(note="", handling_note="")
    OutcomeReport.objects.filter(request=request).update(note="")
    SatisfactionAnswer.objects.filter(request=request).update(comment="")
    Offer.objects.filter(request=request).update(title="", description="")
    SupervisionShare.objects.filter(request=request).update(summary="")
    Transition.objects.filter(request=request).update(note="")
    DelayNotice.objects.filter(request=request).update(reason="")
    Routing.objects.filter(request=request).update(response_note="")
    access.forget_request(request)
    for name, value in ERASED_REQUEST_FIELDS.items():
        setattr(request, name, value)
    request.erased_at = now
    request.save(update_fields=[*ERASED_REQUEST_FIELDS, "erased_at"])
    logger.info("help request %s: personal content erased (%s files)", request.pk, files)
    return request


def erase_expired_requests(*, now=None):
    """Erase the requests closed for longer than `retention_days`. Returns how many."""
    now = now or timezone.now()
    limit = now - timedelta(days=current_settings().retention_days)
    due = HelpRequest.objects.filter(
        status=Status.CLOSED, closed_at__lte=limit, erased_at__isnull=True
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        erase_request_content(request=pk, now=now)
        count += 1
    return count
