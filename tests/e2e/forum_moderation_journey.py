"""A new member's first topic waits for approval; the moderator approves it from the queue; then
another member reads it (issue #5, "Done when").
"""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from machina.core.db.models import get_model

from members import roles
from members.demo import DEMO_DOMAIN
from members.models import MembershipStatus
from tests.e2e.demo import PASSWORD

SUBJECT = "Premier pas sur le forum"
CONTENT = "Bonjour à toutes et à tous, je découvre le réseau et je serai heureuse d’échanger."


def _log_in(browser, base_url, email):
    page = browser.new_context(locale="fr-FR").new_page()
    page.set_default_timeout(15_000)
    page.goto(base_url + "/compte/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe", exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"^(?!.*/compte/login/).*$"))
    return page


def _member_without_posts():
    return (
        get_user_model()
        .objects.filter(
            email__endswith=f"@{DEMO_DOMAIN}",
            groups__name=roles.MEMBERS,
            profile__status=MembershipStatus.ACTIVE,
            posts__isnull=True,
        )
        .order_by("-email")
        .first()
    )


def new_members_first_topic_waits_is_approved_from_the_queue_and_another_member_reads_it(
    live_server, browser
):
    Forum = get_model("forum", "Forum")
    Topic = get_model("forum_conversation", "Topic")
    newcomer = _member_without_posts()
    assert newcomer is not None
    forum = (
        Forum.objects.filter(slug="relations-de-travail").first()
        or (
            Forum.objects.filter(type=Forum.FORUM_POST).exclude(
                slug__in=["annonces", "entre-aidants"]
            )
        ).first()
    )
    create_url = reverse(
        "forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}
    )

    # The newcomer's first post: the forum rules first, then back to the new topic form.
    author = _log_in(browser, live_server.url, newcomer.email)
    author.goto(live_server.url + create_url)
    author.wait_for_url(re.compile(r"/charte/"))
    author.get_by_label("J’accepte la charte du forum").check()
    author.get_by_role("button", name="Accepter et continuer").click()
    author.wait_for_url(re.compile(re.escape(create_url) + r"$"))
    author.fill('input[name="subject"]', SUBJECT)
    author.fill('textarea[name="content"]', CONTENT)
    author.locator("main form").get_by_role("button", name="Publier").click()
    author.wait_for_load_state()

    topic = Topic.objects.get(subject=SUBJECT)
    assert not topic.approved
    author.goto(live_server.url + reverse("relais_moderation:my_posts"))
    assert "en attente de modération" in author.locator("main").inner_text()
    assert SUBJECT in author.locator("main").inner_text()

    topic_path = reverse(
        "forum_conversation:topic",
        kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk, "slug": topic.slug, "pk": topic.pk},
    )
    reader = _log_in(browser, live_server.url, "membre2@relais.test")
    assert reader.goto(live_server.url + topic_path).status == 404

    # The moderator approves it from the queue.
    moderator = _log_in(browser, live_server.url, "moderation@relais.test")
    moderator.goto(live_server.url + reverse("forum_moderation:queue"))
    moderator.get_by_role("link", name=f"Examiner « {SUBJECT} »").click()
    moderator.wait_for_url(re.compile(r"/moderation/queue/\d+/"))
    assert CONTENT in moderator.locator("main").inner_text()
    moderator.get_by_role("button", name="Valider et publier").click()
    moderator.wait_for_url(re.compile(r"/moderation/queue/$"))
    assert "Le message est validé et publié." in moderator.content()

    # Another member now reads it.
    response = reader.goto(live_server.url + topic_path)
    assert response.status == 200
    assert CONTENT in reader.locator("main").inner_text()
