"""`manage.py bench_forum --topics 1000 --posts 20000` (make bench-forum): forum speed.

Fills a dedicated "Forum de mesure" forum (reused when present) up to the numbers asked, with
bulk inserts that skip machina's per-post signals (so the search index is not touched), then
prints the median time and the SQL query count of the forum index, that forum's topic list and
its busiest topic page, as a demo member sees them. Run it on a database with the demo loaded.
"""

import statistics
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from machina.core.db.models import get_model

from members import roles

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

BENCH_SLUG = "forum-de-mesure"
BATCH = 2000
TEXT = "Un message généré pour mesurer la vitesse du forum."


class Command(BaseCommand):
    help = "Generate a large forum and measure the index, topic list and topic page."

    def add_arguments(self, parser):
        parser.add_argument("--topics", type=int, default=1000)
        parser.add_argument("--posts", type=int, default=20000)
        parser.add_argument("--runs", type=int, default=20)

    def handle(self, *args, topics, posts, runs, **options):
        User = get_user_model()
        authors = list(User.objects.filter(groups__name=roles.MEMBERS, is_active=True)[:20])
        reader = User.objects.filter(email__iexact="membre@relais.test").first()
        if not authors or reader is None:
            self.stderr.write("Load the demo first: manage.py load_demo")
            return
        forum = self._bench_forum()
        self._fill(forum, authors, topics, posts)
        self._measure(forum, reader, runs)

    def _bench_forum(self):
        forum = Forum.objects.filter(slug=BENCH_SLUG).first()
        if forum is None:
            forum = Forum.objects.create(name="Forum de mesure", slug=BENCH_SLUG, type=0)
        return forum

    @transaction.atomic
    def _fill(self, forum, authors, topics_wanted, posts_wanted):
        start = time.perf_counter()
        existing = Topic.objects.filter(forum=forum).count()
        now = timezone.now()
        new_topics = [
            Topic(
                forum=forum,
                poster=authors[number % len(authors)],
                subject=f"Sujet de mesure {number}",
                slug=f"sujet-de-mesure-{number}",
                type=Topic.TOPIC_POST,
                status=Topic.TOPIC_UNLOCKED,
                approved=True,
            )
            for number in range(existing, topics_wanted)
        ]
        Topic.objects.bulk_create(new_topics, batch_size=BATCH)
        topic_ids = list(Topic.objects.filter(forum=forum).values_list("pk", flat=True))
        have = Post.objects.filter(topic__forum=forum).count()
        missing = max(posts_wanted - have, 0)
        if topic_ids and missing:
            batch = []
            for number in range(missing):
                topic_id = topic_ids[number % len(topic_ids)]
                batch.append(
                    Post(
                        topic_id=topic_id,
                        poster=authors[number % len(authors)],
                        subject="Re : message de mesure",
                        content=TEXT,
                        _content_rendered=f"<p>{TEXT}</p>",
                        approved=True,
                        created=now - timedelta(seconds=missing - number),
                    )
                )
                if len(batch) >= BATCH:
                    Post.objects.bulk_create(batch)
                    batch = []
            Post.objects.bulk_create(batch)
        self._update_counters(forum)
        self.stdout.write(
            f"bench forum: {len(topic_ids)} topics, "
            f"{Post.objects.filter(topic__forum=forum).count()} posts "
            f"(filled in {time.perf_counter() - start:.1f} s)"
        )

    def _update_counters(self, forum):
        """machina's counters, in a few set-based updates instead of one save per post."""
        stats = (
            Post.objects.filter(topic__forum=forum, approved=True)
            .values("topic_id")
            .annotate(count=Count("pk"), first=Min("pk"), last=Max("pk"), last_on=Max("created"))
        )
        topics = {topic.pk: topic for topic in Topic.objects.filter(forum=forum)}
        for row in stats:
            topic = topics[row["topic_id"]]
            topic.posts_count = row["count"]
            topic.first_post_id = row["first"]
            topic.last_post_id = row["last"]
            topic.last_post_on = row["last_on"]
        Topic.objects.bulk_update(
            topics.values(), ["posts_count", "first_post", "last_post", "last_post_on"], BATCH
        )
        forum.refresh_from_db()
        forum.update_trackers()

    def _measure(self, forum, reader, runs):
        busiest = Topic.objects.filter(forum=forum).order_by("-posts_count").first()
        urls = [
            ("index", reverse("forum:index")),
            ("topic list", reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})),
            (
                "topic page",
                reverse(
                    "forum_conversation:topic",
                    kwargs={
                        "forum_slug": forum.slug,
                        "forum_pk": forum.pk,
                        "slug": busiest.slug,
                        "pk": busiest.pk,
                    },
                ),
            ),
        ]
        client = Client(HTTP_HOST="localhost")
        client.force_login(reader)
        self.stdout.write(f"{runs} runs per page, as {reader.pk}")
        self.stdout.write(f"{'page':<14} {'median ms':>10} {'queries':>8}")
        for name, url in urls:
            client.get(url)  # warm caches and templates, settle read markers
            timings = []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            self.stdout.write(f"{name:<14} {statistics.median(timings):>10.1f} {len(queries):>8}")
