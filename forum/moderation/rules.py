"""The forum rules: a charter kind of the foundation (home.CharterKind.FORUM_RULES), accepted
once per version before a member's first post (R-C14, issue #5 item 4).

The rules gate (registered with members.charter_gates by this app's config): on
`forum_conversation:topic_create` and `forum_conversation:post_create`, a member who has not
accepted the version of the forum rules in force is sent to the rules page, then back to where
they were going. Once per version, and only when they may post there (otherwise the view refuses
them first). No rules published: nothing to accept.

Acceptances are members' TermsAcceptance records (version and time), recorded by the same
service as every other charter (members.services.joining.record_acceptance).
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from machina.core.db.models import get_model

from home.models import CharterKind
from home.selectors import current_charter
from members import charter_gates
from members.models import TermsAcceptance
from members.services.joining import record_acceptance

from . import permissions

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")

POSTING_VIEWS = {"forum_conversation:topic_create", "forum_conversation:post_create"}


def rules_in_force():
    return current_charter(CharterKind.FORUM_RULES)


def rules_due(user, charter=None):
    """The version of the forum rules this member still has to accept, or None."""
    charter = charter if charter is not None else rules_in_force()
    if charter is None:
        return None
    if TermsAcceptance.objects.filter(user=user, charter=charter).exists():
        return None
    return charter


def accept_rules(*, user, charter):
    """Record that `user` accepted this version of the forum rules, as any other charter."""
    expected = rules_in_force()
    if expected is None:
        raise ValidationError(_("Aucune charte du forum n’est en vigueur pour l’instant."))
    return record_acceptance(user=user, charter=charter, expected=expected)


def _may_post_there(request, target):
    """Only someone the view would let post is sent to the rules: the others are refused by the
    view itself (a helpers' forum stays closed to members, whatever the rules)."""
    handler = permissions.handler_for(request)
    if target.view_name == "forum_conversation:topic_create":
        forum = Forum.objects.filter(pk=target.kwargs.get("forum_pk")).first()
        return forum is not None and handler.can_add_topic(forum, request.user)
    topic = Topic.objects.select_related("forum").filter(pk=target.kwargs.get("topic_pk")).first()
    return topic is not None and handler.can_add_post(topic, request.user)


def _stop(request, target):
    if rules_due(request.user) is None or not _may_post_there(request, target):
        return None
    return charter_gates.and_back(reverse("relais_moderation:forum_rules"), request)


GATE = charter_gates.CharterGate(
    name="forum_rules",
    kinds=(CharterKind.FORUM_RULES,),
    guards=lambda target: target.view_name in POSTING_VIEWS,
    stop=_stop,
)
