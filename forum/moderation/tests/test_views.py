"""The moderation pages through the test client: queue, approval, refusal, reports, log, rules."""

import datetime
import re

import pytest
from django.urls import reverse

from forum.moderation import services
from forum.moderation.models import (
    ModerationAction,
    ModerationDecision,
    ModerationLogEntry,
    PostReport,
    ReportReason,
)

from . import factories
from .posting import post_topic, topic_create_url, topic_url
from .test_services import set_threshold

pytestmark = pytest.mark.django_db

QUEUE = "/forum/moderation/queue/"


def test_a_new_members_first_topic_waits_and_only_its_author_sees_it_pending(
    forum, newcomer, other_member, client_for
):
    author = client_for(newcomer)
    response = post_topic(author, forum, subject="Premier sujet", content="Bonjour")
    assert response.status_code == 302
    topic = factories.Topic.objects.get(subject="Premier sujet")
    assert not topic.approved
    mine = author.get(response["Location"])
    assert "en attente de modération" in mine.content.decode()
    # What they are told says the post waits, and nothing says it is published.
    assert "sera relu par l’équipe de modération" in mine.content.decode()
    assert "publié" not in mine.content.decode().lower()
    assert "succès" not in mine.content.decode()
    assert "Premier sujet" in mine.content.decode()
    theirs = client_for(other_member).get(reverse("relais_moderation:my_posts"))
    assert "Premier sujet" not in theirs.content.decode()
    assert client_for(other_member).get(topic_url(topic)).status_code == 404
    forum_page = client_for(other_member).get(
        reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
    )
    assert "Premier sujet" not in forum_page.content.decode()


def test_a_trusted_members_topic_is_announced_published(forum, newcomer, client_for):
    set_threshold(0)
    author = client_for(newcomer)
    response = post_topic(author, forum, subject="Sujet direct", content="Bonjour")
    page = author.get(response["Location"]).content.decode()
    assert factories.Topic.objects.get(subject="Sujet direct").approved
    assert "Votre message est publié." in page
    assert "sera relu" not in page


def test_the_queue_lists_waiting_posts_and_reported_posts_with_their_count(
    forum, newcomer, other_member, moderator, client_for
):
    factories.make_topic(forum, newcomer, subject="En attente", approved=False)
    reported = factories.first_post(factories.make_topic(forum, newcomer, subject="Signalé"))
    for reporter in (other_member, factories.moderator()):
        services.report_post(post=reported, by=reporter, reason=ReportReason.DISRESPECT)
    page = client_for(moderator).get(QUEUE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "En attente" in html
    assert "Signalé" in html
    assert '<td class="report-count">2</td>' in html


def test_the_moderator_approves_from_the_queue_and_the_topic_becomes_visible(
    forum, newcomer, other_member, moderator, client_for
):
    post = factories.first_post(factories.make_topic(forum, newcomer, approved=False))
    response = client_for(moderator).post(
        reverse("forum_moderation:approve_queued_post", args=[post.pk])
    )
    assert response.status_code == 302
    assert client_for(other_member).get(topic_url(post.topic)).status_code == 200
    assert ModerationLogEntry.objects.filter(
        action=ModerationAction.APPROVE, actor=moderator
    ).exists()


def test_a_refusal_without_reason_is_refused(forum, newcomer, moderator, client_for):
    post = factories.first_post(factories.make_topic(forum, newcomer, approved=False))
    url = reverse("forum_moderation:disapprove_queued_post", args=[post.pk])
    response = client_for(moderator).post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Indiquez le motif" in response.content.decode()
    assert factories.Post.objects.filter(pk=post.pk).exists()


def test_the_author_reads_the_refusal_reason_in_the_portal(
    forum,
    newcomer,
    other_member,
    moderator,
    client_for,
    mailbox,
    django_capture_on_commit_callbacks,
):
    post = factories.first_post(factories.make_topic(forum, newcomer, approved=False))
    url = reverse("forum_moderation:disapprove_queued_post", args=[post.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(moderator).post(url, {"reason": "Le ton ne convient pas."})
    assert response.status_code == 302
    decision = ModerationDecision.objects.get(author=newcomer)
    assert len(mailbox) == 1 and "Le ton ne convient pas" not in mailbox[0].get_content()
    page = client_for(newcomer).get(reverse("relais_moderation:decision", args=[decision.pk]))
    assert "Le ton ne convient pas." in page.content.decode()
    other = client_for(other_member).get(reverse("relais_moderation:decision", args=[decision.pk]))
    assert other.status_code == 404


def test_a_member_reports_through_the_page_and_a_second_report_is_refused(
    forum, newcomer, other_member, client_for
):
    post = factories.first_post(factories.make_topic(forum, newcomer))
    client = client_for(other_member)
    url = reverse("relais_moderation:report_post", args=[post.pk])
    first = client.post(url, {"reason": ReportReason.SPAM, "details": "Publicité"})
    assert first.status_code == 302
    second = client.post(url, {"reason": ReportReason.OTHER, "details": "Encore elle"})
    assert second.status_code == 409
    assert "déjà signalé" in second.content.decode()
    assert "Encore elle" in second.content.decode()  # what was typed is kept
    assert PostReport.objects.filter(post=post).count() == 1


def test_the_reporter_is_named_to_moderators_only(
    forum, newcomer, other_member, moderator, client_for
):
    post = factories.first_post(factories.make_topic(forum, newcomer))
    services.report_post(post=post, by=other_member, reason=ReportReason.SPAM, details="Pub")
    url = reverse("relais_moderation:reported_post", args=[post.pk])
    assert client_for(moderator).get(url).status_code == 200
    assert client_for(newcomer).get(url).status_code == 403


def test_the_moderator_settles_reports_from_the_report_page(
    forum, newcomer, other_member, moderator, client_for
):
    post = factories.first_post(factories.make_topic(forum, newcomer))
    services.report_post(post=post, by=other_member, reason=ReportReason.SPAM)
    url = reverse("relais_moderation:reported_post", args=[post.pk])
    response = client_for(moderator).post(url, {"decision": "keep", "reason": ""})
    assert response.status_code == 302
    assert PostReport.objects.get(post=post).resolution == "kept"
    html = client_for(moderator).get(QUEUE).content.decode()
    assert "report-count" not in html


def test_moderation_actions_through_machinas_pages_are_logged(
    forum, newcomer, moderator, client_for
):
    topic = factories.make_topic(forum, newcomer)
    elsewhere = factories.make_forum("Ailleurs")
    client = client_for(moderator)
    args = [topic.slug, topic.pk]
    for name, data in (
        ("forum_moderation:topic_lock", {"reason": "Calme"}),
        ("forum_moderation:topic_unlock", {}),
        ("forum_moderation:topic_update_to_sticky", {}),
        ("forum_moderation:topic_update_to_announce", {}),
        ("forum_moderation:topic_update_to_post", {}),
        ("forum_moderation:topic_move", {"forum": elsewhere.pk, "reason": "Rangement"}),
    ):
        assert client.get(reverse(name, args=args)).status_code == 200, name
        assert client.post(reverse(name, args=args), data).status_code == 302, name
    refused = client.post(reverse("forum_moderation:topic_delete", args=args), {"reason": ""})
    assert refused.status_code == 400
    assert (
        client.post(
            reverse("forum_moderation:topic_delete", args=args), {"reason": "Doublon"}
        ).status_code
        == 302
    )
    assert list(ModerationLogEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        ModerationAction.LOCK,
        ModerationAction.UNLOCK,
        ModerationAction.MAKE_STICKY,
        ModerationAction.MAKE_ANNOUNCE,
        ModerationAction.MAKE_NORMAL,
        ModerationAction.MOVE,
        ModerationAction.DELETE_TOPIC,
    ]


def test_a_moderator_deleting_someones_post_through_machina_goes_through_the_logged_page(
    forum, newcomer, moderator, client_for
):
    topic = factories.make_topic(forum, newcomer)
    post = factories.make_post(topic, newcomer)
    machina_url = reverse(
        "forum_conversation:post_delete",
        kwargs={
            "forum_slug": forum.slug,
            "forum_pk": forum.pk,
            "topic_slug": topic.slug,
            "topic_pk": topic.pk,
            "pk": post.pk,
        },
    )
    client = client_for(moderator)
    response = client.post(machina_url)
    assert response.url == reverse("relais_moderation:delete_post", args=[post.pk])
    assert factories.Post.objects.filter(pk=post.pk).exists()
    client.post(response.url, {"reason": "Hors sujet"})
    assert not factories.Post.objects.filter(pk=post.pk).exists()
    entry = ModerationLogEntry.objects.get(action=ModerationAction.DELETE_POST)
    assert (entry.post_id, entry.reason) == (post.pk, "Hors sujet")


def test_the_log_is_filtered_by_action(forum, newcomer, moderator, client_for):
    topic = factories.make_topic(forum, newcomer)
    services.lock_topic(topic=topic, by=moderator, reason="Motif du verrou")
    services.unlock_topic(topic=topic, by=moderator, reason="Motif du déverrou")
    url = reverse("relais_moderation:log")
    html = client_for(moderator).get(url, {"action": ModerationAction.LOCK}).content.decode()
    assert "Motif du verrou" in html
    assert "Motif du déverrou" not in html


# --- Forum rules --------------------------------------------------------------------------


def test_a_first_post_goes_through_the_forum_rules_and_back(forum, newcomer, client_for):
    rules = factories.publish_forum_rules()
    client = client_for(newcomer)
    create_url = reverse(
        "forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}
    )
    response = client.get(create_url)
    rules_url = reverse("relais_moderation:forum_rules")
    assert response.status_code == 302
    assert response.url.startswith(rules_url)
    page = client.get(response.url)
    assert "J’accepte la charte du forum" in page.content.decode()
    unticked = client.post(rules_url, {"charter": rules.pk, "next": create_url})
    assert unticked.status_code == 400
    accepted = client.post(rules_url, {"charter": rules.pk, "accept": "on", "next": create_url})
    assert accepted.url == create_url
    acceptance = newcomer.terms_acceptances.get()
    assert (acceptance.kind, acceptance.version_label) == ("forum_rules", rules.version_label)
    assert client.get(create_url).status_code == 200


def test_the_rules_page_never_sends_elsewhere(forum, newcomer, client_for):
    rules = factories.publish_forum_rules()
    response = client_for(newcomer).post(
        reverse("relais_moderation:forum_rules"),
        {"charter": rules.pk, "accept": "on", "next": "https://ailleurs.example/"},
    )
    assert response.url == reverse("forum:index")


def test_a_new_version_of_the_rules_is_accepted_again(forum, newcomer, client_for):
    import datetime

    from forum.moderation import rules

    first = factories.publish_forum_rules()
    rules.accept_rules(user=newcomer, charter=first)
    assert rules.rules_due(newcomer) is None
    second = factories.publish_forum_rules("V2/2026", datetime.date(2026, 2, 1))
    assert rules.rules_due(newcomer) == second


# --- The tools under each post, and the threshold setting ---------------------------------


def test_members_get_a_report_link_and_moderators_their_tools_under_each_post(
    forum, newcomer, other_member, moderator, client_for
):
    topic = factories.make_topic(forum, newcomer)
    post = factories.make_post(topic, newcomer)
    report_url = reverse("relais_moderation:report_post", args=[post.pk])
    delete_url = reverse("relais_moderation:delete_post", args=[post.pk])
    lock_url = reverse("forum_moderation:topic_lock", args=[topic.slug, topic.pk])
    as_member = client_for(other_member).get(topic_url(topic)).content.decode()
    assert report_url in as_member
    assert delete_url not in as_member and lock_url not in as_member
    as_moderator = client_for(moderator).get(topic_url(topic)).content.decode()
    assert delete_url in as_moderator and lock_url in as_moderator
    as_author = client_for(newcomer).get(topic_url(topic)).content.decode()
    assert report_url not in as_author


def test_the_tools_add_no_query_per_post(forum, newcomer, moderator, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    topic = factories.make_topic(forum, newcomer)
    client = client_for(moderator)

    def count():
        # Twice first: the first page of a site creates its links setting, which clears the
        # audience blocks (portal/page_cache.py); measure the page as it is served afterwards.
        client.get(topic_url(topic))
        client.get(topic_url(topic))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(topic_url(topic)).status_code == 200
        return len(captured)

    factories.make_post(topic, newcomer)
    small = count()
    for _ in range(5):
        factories.make_post(topic, factories.moderator())
    assert count() == small


def test_coordinators_edit_the_threshold_in_the_admin_and_moderators_do_not(moderator, client_for):
    from members.tests.factories import coordinator, with_second_factor

    url = "/admin/settings/relais_moderation/forummoderationsettings/"
    response = client_for(with_second_factor(coordinator())).get(url, follow=True)
    assert response.status_code == 200
    assert b"approval_threshold" in response.content
    refused = client_for(moderator).get(url)
    assert refused.status_code in (302, 403)
    assert "approval_threshold" not in refused.content.decode()


def test_at_the_threshold_a_members_next_topic_is_published_at_once(
    forum, newcomer, moderator, client_for
):
    topic = factories.make_topic(forum, newcomer, approved=False)
    posts = [factories.first_post(topic)] + [
        factories.make_post(topic, newcomer, approved=False) for _ in range(2)
    ]
    client = client_for(newcomer)
    for number, post in enumerate(posts):
        post_topic(client, forum, subject=f"Avant {number}", content="En attente")
        assert not factories.Topic.objects.get(subject=f"Avant {number}").approved
        services.approve_post(post=post, by=moderator)
    post_topic(client, forum, subject="Après", content="Publié directement")
    assert factories.Topic.objects.get(subject="Après").approved


def test_the_queue_lists_only_posts_with_an_open_report(
    forum, newcomer, other_member, moderator, client_for
):
    factories.make_topic(forum, newcomer, subject="Jamais signalé")
    settled = factories.first_post(factories.make_topic(forum, newcomer, subject="Déjà traité"))
    services.report_post(post=settled, by=other_member, reason=ReportReason.SPAM)
    services.keep_reported_post(post=settled, by=moderator)
    factories.make_topic(forum, newcomer, subject="Encore en attente", approved=False)
    html = client_for(moderator).get(QUEUE).content.decode()
    reported_section = html.split('id="reported-title"')[1]
    assert "Jamais signalé" not in reported_section
    assert "Déjà traité" not in reported_section
    assert "Encore en attente" not in reported_section
    assert "report-count" not in reported_section
    assert "Aucun message signalé n’attend de décision." in reported_section


def test_the_author_of_a_deleted_post_reads_why_in_the_portal(
    forum,
    newcomer,
    other_member,
    moderator,
    client_for,
    mailbox,
    django_capture_on_commit_callbacks,
):
    topic = factories.make_topic(forum, other_member, subject="Discussion")
    reply = factories.make_post(topic, newcomer, content="Propos déplacés")
    services.report_post(post=reply, by=other_member, reason=ReportReason.DISRESPECT)
    url = reverse("relais_moderation:reported_post", args=[reply.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(moderator).post(
            url, {"decision": "delete", "reason": "Propos irrespectueux envers un membre."}
        )
    assert response.status_code == 302
    decision = ModerationDecision.objects.get(author=newcomer)
    assert decision.kind == "deleted"
    assert len(mailbox) == 1
    body = mailbox[0].get_content()
    assert "Propos irrespectueux" not in body and "Propos déplacés" not in body
    mine = client_for(newcomer).get(reverse("relais_moderation:my_posts")).content.decode()
    assert reverse("relais_moderation:decision", args=[decision.pk]) in mine
    page = client_for(newcomer).get(reverse("relais_moderation:decision", args=[decision.pk]))
    assert "Propos irrespectueux envers un membre." in page.content.decode()
    assert "retiré du forum" in page.content.decode()


def test_deleting_from_the_delete_page_records_a_decision_too(
    forum, newcomer, other_member, moderator, client_for
):
    topic = factories.make_topic(forum, other_member, subject="Discussion")
    reply = factories.make_post(topic, newcomer, content="Hors sujet")
    url = reverse("relais_moderation:delete_post", args=[reply.pk])
    assert client_for(moderator).post(url, {"reason": "Hors sujet"}).status_code == 302
    assert ModerationDecision.objects.get(author=newcomer).reason == "Hors sujet"


def test_the_author_of_a_deleted_topic_reads_why_in_the_portal(
    forum, newcomer, moderator, mailbox, django_capture_on_commit_callbacks
):
    topic = factories.make_topic(forum, newcomer, subject="Sujet à retirer")
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_topic(topic=topic, by=moderator, reason="Doublon d’un sujet existant.")
    decision = ModerationDecision.objects.get(author=newcomer)
    assert decision.kind == "deleted"
    assert decision.reason == "Doublon d’un sujet existant."
    assert decision.was_topic
    assert len(mailbox) == 1
    assert "Doublon" not in mailbox[0].get_content()


def test_a_moderator_deleting_their_own_topic_records_no_decision(forum, moderator):
    topic = factories.make_topic(forum, moderator, subject="Le mien")
    services.delete_topic(topic=topic, by=moderator, reason="Publié par erreur.")
    assert not ModerationDecision.objects.exists()


def test_a_waiting_post_leads_to_my_posts_linked_from_the_forum_navigation(
    forum, newcomer, client_for
):
    client = client_for(newcomer)
    response = post_topic(client, forum, subject="En relecture", content="Bonjour")
    my_posts = reverse("relais_moderation:my_posts")
    assert response.status_code == 302 and response.url == my_posts
    page = client.get(my_posts)
    assert "relu par l’équipe de modération" in page.content.decode()
    index = client.get(reverse("forum:index")).content.decode()
    assert f'href="{my_posts}"' in index
    assert "Mes messages en modération" in index


def test_the_move_page_offers_the_other_forums_by_name_and_selects_none(
    forum, newcomer, moderator, client_for
):
    topic = factories.make_topic(forum, newcomer)
    category = factories.Forum.objects.create(
        name="Rubrique", slug="rubrique", type=factories.Forum.FORUM_CAT
    )
    elsewhere = factories.Forum.objects.create(
        name="Ailleurs", slug="ailleurs", type=factories.Forum.FORUM_POST, parent=category
    )
    response = client_for(moderator).get(
        reverse("forum_moderation:topic_move", args=[topic.slug, topic.pk])
    )
    html = response.content.decode()
    select = html.split('name="forum"', 1)[1].split("</select>", 1)[0]
    options = re.findall(r"<option value=\"([^\"]*)\"([^>]*)>([^<]*)</option>", select)
    expected = [
        (str(other.pk), other.name)
        for other in factories.Forum.objects.exclude(pk=forum.pk).exclude(pk=category.pk)
    ]
    chosen = [(value, label) for value, _, label in options]
    assert chosen[0] == ("", "— Choisir un forum —")
    assert sorted(chosen[1:]) == sorted(expected)
    assert (str(elsewhere.pk), "Ailleurs") in chosen
    assert "True" not in select and "Rubrique" not in select
    assert "<optgroup" not in select
    assert all("selected" not in attributes for value, attributes, _ in options if value)


def test_the_rules_page_writes_the_first_of_the_month_and_no_stray_colon(
    forum, newcomer, client_for
):
    factories.publish_forum_rules(effective=datetime.date(2026, 9, 1))
    page = client_for(newcomer).get(reverse("relais_moderation:forum_rules")).content.decode()
    assert "à partir du 1er septembre 2026" in page
    assert "J’accepte la charte du forum</label>" in page
    assert "J’accepte la charte du forum :" not in page


def test_a_new_post_form_offers_no_removal_of_a_file_not_yet_attached(forum, newcomer, client_for):
    page = client_for(newcomer).get(topic_create_url(forum)).content.decode()
    assert 'name="attachment-0-file"' in page or "attachment-TOTAL_FORMS" in page
    assert "DELETE" not in page
    assert "Supprimer :" not in page


def test_a_member_who_may_not_post_in_a_forum_is_refused_before_any_rules(newcomer, client_for):
    factories.publish_forum_rules()
    helpers_only = factories.make_forum("Entre aidants d’essai", helpers_only=True)
    topic = factories.make_topic(helpers_only, factories.helper(), subject="Réservé")
    client = client_for(newcomer)
    refused = client.get(topic_create_url(helpers_only))
    assert refused.status_code == 403
    reply_url = reverse(
        "forum_conversation:post_create",
        kwargs={
            "forum_slug": helpers_only.slug,
            "forum_pk": helpers_only.pk,
            "topic_slug": topic.slug,
            "topic_pk": topic.pk,
        },
    )
    assert client.get(reply_url).status_code in (403, 404)
    assert not newcomer.terms_acceptances.exists()
