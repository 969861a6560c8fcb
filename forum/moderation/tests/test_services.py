"""The moderation rules, service by service (issue #5, item 4)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from machina.core.loading import get_class

from forum.moderation import services
from forum.moderation.models import (
    ForumModerationSettings,
    ModerationAction,
    ModerationDecision,
    ModerationLogEntry,
    PostReport,
    ReportReason,
    ReportResolution,
)
from members.tests.factories import member as make_member

from . import factories

PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")

pytestmark = pytest.mark.django_db


def may_post_without_approval(user, forum):
    return PermissionHandler().can_post_without_approval(forum, user)


def set_threshold(value):
    settings = ForumModerationSettings.load()
    settings.approval_threshold = value
    settings.save()


# --- Approval threshold -------------------------------------------------------------------


def test_a_new_member_does_not_post_without_approval(forum, newcomer):
    assert not may_post_without_approval(newcomer, forum)


def test_approving_posts_below_the_threshold_grants_nothing(forum, newcomer, moderator):
    topic = factories.make_topic(forum, newcomer, approved=False)
    services.approve_post(post=factories.first_post(topic), by=moderator)
    second = factories.make_post(topic, newcomer, approved=False)
    services.approve_post(post=second, by=moderator)
    assert not may_post_without_approval(newcomer, forum)


def test_the_approval_that_reaches_the_threshold_makes_the_member_trusted(
    forum, newcomer, moderator
):
    topic = factories.make_topic(forum, newcomer, approved=False)
    posts = [factories.first_post(topic)] + [
        factories.make_post(topic, newcomer, approved=False) for _ in range(2)
    ]
    for post in posts:
        services.approve_post(post=post, by=moderator)
    assert may_post_without_approval(newcomer, forum)


def test_the_threshold_is_a_setting(forum, newcomer, moderator):
    set_threshold(1)
    topic = factories.make_topic(forum, newcomer, approved=False)
    services.approve_post(post=factories.first_post(topic), by=moderator)
    assert may_post_without_approval(newcomer, forum)


def test_a_threshold_of_zero_trusts_everyone_before_their_first_post(forum, newcomer):
    set_threshold(0)
    assert services.trust_if_threshold_reached(newcomer)
    assert may_post_without_approval(newcomer, forum)


def test_post_created_trusts_an_author_whose_approved_posts_reach_the_threshold(forum, newcomer):
    topic = factories.make_topic(forum, newcomer)
    factories.make_post(topic, newcomer)
    post = factories.make_post(topic, newcomer)
    services.post_created(post, by=newcomer)
    assert may_post_without_approval(newcomer, forum)


def test_a_waiting_post_is_hidden_from_everyone_by_machina(forum, newcomer):
    from machina.core.db.models import get_model

    Post = get_model("forum_conversation", "Post")
    topic = factories.make_topic(forum, newcomer, approved=False)
    assert not Post.approved_objects.filter(topic=topic).exists()


def test_approval_is_for_moderators(forum, newcomer, other_member):
    topic = factories.make_topic(forum, newcomer, approved=False)
    with pytest.raises(PermissionDenied):
        services.approve_post(post=factories.first_post(topic), by=other_member)


def test_approval_tells_subscribers_through_the_forum_notifications(
    forum, newcomer, moderator, monkeypatch
):
    import forum.notifications as notifications

    told = []
    monkeypatch.setattr(notifications, "post_published", told.append)
    topic = factories.make_topic(forum, newcomer, approved=False)
    post = services.approve_post(post=factories.first_post(topic), by=moderator)
    assert [p.pk for p in told] == [post.pk]


# --- Rejection ----------------------------------------------------------------------------


def test_rejection_needs_a_reason(forum, newcomer, moderator):
    topic = factories.make_topic(forum, newcomer, approved=False)
    with pytest.raises(ValidationError):
        services.reject_post(post=factories.first_post(topic), by=moderator, reason="  ")


def test_rejection_deletes_the_post_and_keeps_the_reason_for_its_author(forum, newcomer, moderator):
    topic = factories.make_topic(forum, newcomer, subject="Mon essai", approved=False)
    decision = services.reject_post(
        post=factories.first_post(topic), by=moderator, reason="Merci de reformuler."
    )
    assert decision.author == newcomer
    assert decision.reason == "Merci de reformuler."
    assert decision.subject == "Mon essai"
    assert not factories.Topic.objects.filter(pk=topic.pk).exists()
    entry = ModerationLogEntry.objects.get(action=ModerationAction.REJECT)
    assert (entry.actor, entry.topic_id, entry.reason) == (
        moderator,
        topic.pk,
        "Merci de reformuler.",
    )


def test_the_rejection_mail_only_says_a_decision_is_waiting(
    forum, newcomer, moderator, mailbox, django_capture_on_commit_callbacks
):
    topic = factories.make_topic(
        forum,
        newcomer,
        subject="Sujet très personnel",
        content="Texte confidentiel",
        approved=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.reject_post(
            post=factories.first_post(topic), by=moderator, reason="Motif détaillé du refus"
        )
    assert len(mailbox) == 1
    message = mailbox[0]
    body = message.get_content()
    assert message["To"] == newcomer.email
    assert reverse("relais_moderation:decision", args=[decision.pk]) in body
    for secret in ("Sujet très personnel", "Texte confidentiel", "Motif détaillé", forum.name):
        assert secret not in body
        assert secret not in message["Subject"]


# --- Reports ------------------------------------------------------------------------------


def test_a_member_reports_a_post_once(forum, newcomer, other_member):
    post = factories.first_post(factories.make_topic(forum, newcomer))
    services.report_post(post=post, by=other_member, reason=ReportReason.DISRESPECT)
    with pytest.raises(ValidationError, match="déjà signalé"):
        services.report_post(post=post, by=other_member, reason=ReportReason.SPAM)
    assert PostReport.objects.filter(post=post).count() == 1


def test_nobody_reports_their_own_post(forum, newcomer):
    post = factories.first_post(factories.make_topic(forum, newcomer))
    with pytest.raises(ValidationError):
        services.report_post(post=post, by=newcomer, reason=ReportReason.SPAM)


def test_a_member_who_cannot_read_the_forum_cannot_report(newcomer, other_member):
    forum = factories.make_forum(helpers_only=True)
    author = factories.helper()
    post = factories.first_post(factories.make_topic(forum, author))
    with pytest.raises(PermissionDenied):
        services.report_post(post=post, by=other_member, reason=ReportReason.SPAM)


def test_keeping_a_reported_post_settles_its_reports_and_is_logged(
    forum, newcomer, other_member, moderator
):
    post = factories.first_post(factories.make_topic(forum, newcomer))
    services.report_post(post=post, by=other_member, reason=ReportReason.OFF_TOPIC)
    services.keep_reported_post(post=post, by=moderator, reason="Rien de contraire à la charte")
    report = PostReport.objects.get(post=post)
    assert report.resolution == ReportResolution.KEPT
    assert report.resolved_by == moderator
    assert ModerationLogEntry.objects.filter(
        action=ModerationAction.REPORT_KEPT, post_id=post.pk, actor=moderator
    ).exists()


def test_deleting_a_reported_post_is_logged_with_its_reason(
    forum, newcomer, other_member, moderator
):
    topic = factories.make_topic(forum, newcomer)
    post = factories.make_post(topic, newcomer, content="Propos déplacés")
    services.report_post(post=post, by=other_member, reason=ReportReason.DISRESPECT)
    services.delete_post(post=post, by=moderator, reason="Propos irrespectueux")
    assert not factories.Post.objects.filter(pk=post.pk).exists()
    actions = set(ModerationLogEntry.objects.values_list("action", flat=True))
    assert actions == {ModerationAction.REPORT_DELETED, ModerationAction.DELETE_POST}


def test_a_moderator_edit_of_someone_elses_post_is_logged_and_settles_reports(
    forum, newcomer, other_member, moderator
):
    post = factories.first_post(factories.make_topic(forum, newcomer))
    services.report_post(post=post, by=other_member, reason=ReportReason.CONFIDENTIALITY)
    services.post_updated(post, by=moderator, reason="Nom d’une personne retiré")
    entry = ModerationLogEntry.objects.get(action=ModerationAction.EDIT)
    assert (entry.post_id, entry.reason) == (post.pk, "Nom d’une personne retiré")
    assert PostReport.objects.get(post=post).resolution == ReportResolution.EDITED


def test_an_author_editing_their_own_post_is_not_a_moderation_action(forum, newcomer):
    post = factories.first_post(factories.make_topic(forum, newcomer))
    services.post_updated(post, by=newcomer)
    assert not ModerationLogEntry.objects.exists()


# --- Topic actions ------------------------------------------------------------------------


def test_each_topic_action_is_logged(forum, newcomer, moderator):
    topic = factories.make_topic(forum, newcomer)
    elsewhere = factories.make_forum("Ailleurs")
    services.lock_topic(topic=topic, by=moderator, reason="Débat clos")
    services.unlock_topic(topic=topic, by=moderator)
    services.change_topic_type(topic=topic, by=moderator, target_type=factories.Topic.TOPIC_STICKY)
    services.change_topic_type(
        topic=topic, by=moderator, target_type=factories.Topic.TOPIC_ANNOUNCE
    )
    services.change_topic_type(topic=topic, by=moderator, target_type=factories.Topic.TOPIC_POST)
    services.move_topic(topic=topic, by=moderator, forum=elsewhere, reason="Mieux rangé")
    services.delete_topic(topic=topic, by=moderator, reason="Doublon")
    logged = list(ModerationLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert logged == [
        ModerationAction.LOCK,
        ModerationAction.UNLOCK,
        ModerationAction.MAKE_STICKY,
        ModerationAction.MAKE_ANNOUNCE,
        ModerationAction.MAKE_NORMAL,
        ModerationAction.MOVE,
        ModerationAction.DELETE_TOPIC,
    ]
    move = ModerationLogEntry.objects.get(action=ModerationAction.MOVE)
    assert (move.forum_id, move.target_forum_id, move.reason) == (
        forum.pk,
        elsewhere.pk,
        "Mieux rangé",
    )


def test_topic_actions_are_for_moderators(forum, newcomer, other_member):
    topic = factories.make_topic(forum, newcomer)
    with pytest.raises(PermissionDenied):
        services.lock_topic(topic=topic, by=other_member)


def test_a_lock_ticked_in_the_reply_form_is_logged(forum, newcomer, moderator):
    topic = factories.make_topic(forum, newcomer)
    topic.status = factories.Topic.TOPIC_LOCKED
    topic.save()
    reply = factories.make_post(topic, moderator)
    services.post_created(reply, by=moderator)
    assert ModerationLogEntry.objects.filter(
        action=ModerationAction.LOCK, topic_id=topic.pk
    ).exists()


def test_a_refused_author_reads_only_their_own_decisions(forum, newcomer, moderator):
    topic = factories.make_topic(forum, newcomer, approved=False)
    services.reject_post(post=factories.first_post(topic), by=moderator, reason="Hors charte")
    assert ModerationDecision.objects.filter(author=newcomer).count() == 1
    assert not ModerationDecision.objects.filter(author=make_member()).exists()
