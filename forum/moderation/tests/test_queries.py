"""The queue and the log run a fixed number of queries, whatever their size (issue #5, Speed)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.moderation import services
from forum.moderation.models import ReportReason
from members.tests.factories import member as make_member

from . import factories

pytestmark = pytest.mark.django_db

QUEUE = "/forum/moderation/queue/"
# Session, user, profile, groups, the membership gate, forum identity, permissions, site and
# menus, then the page.
QUEUE_QUERIES = 21
LOG_QUERIES = 11


def fill(forum, moderator, size):
    reporters = [make_member() for _ in range(2)]
    for number in range(size):
        author = make_member()
        factories.make_topic(forum, author, subject=f"En attente {number}", approved=False)
        topic = factories.make_topic(forum, author, subject=f"Publié {number}")
        post = factories.first_post(topic)
        for reporter in reporters:
            services.report_post(post=post, by=reporter, reason=ReportReason.SPAM)
        services.lock_topic(topic=topic, by=moderator, reason="Verrou")
        services.unlock_topic(topic=topic, by=moderator)


def count_queries(client, url):
    client.get(url)  # warm per-process caches (site, settings)
    # The first page of a site creates its settings rows, which clears the menu and footer kept
    # per audience (home/cache_invalidation.py): the second visit keeps them again.
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [QUEUE, reverse("relais_moderation:log")])
def test_the_page_costs_the_same_with_more_items(url, forum, moderator, client_for):
    client = client_for(moderator)
    fill(forum, moderator, 2)
    small = count_queries(client, url)
    fill(forum, moderator, 8)
    large = count_queries(client, url)
    assert small == large


def test_queue_and_log_query_counts_are_pinned(
    forum, moderator, client_for, django_assert_num_queries
):
    client = client_for(moderator)
    fill(forum, moderator, 3)
    client.get(QUEUE)
    with django_assert_num_queries(QUEUE_QUERIES):
        client.get(QUEUE)
    client.get(reverse("relais_moderation:log"))
    with django_assert_num_queries(LOG_QUERIES):
        client.get(reverse("relais_moderation:log"))
