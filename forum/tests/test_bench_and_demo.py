"""The benchmark command and the demo loader run, and the demo loader is idempotent."""

import io

from django.core.management import call_command
from machina.core.db.models import get_model

from forum import demo
from members import demo as members_demo

Topic = get_model("forum_conversation", "Topic")


def test_the_demo_forum_loads_once(db):
    members_demo.load(stdout=io.StringIO())
    assert demo.load(stdout=io.StringIO()) > 0
    assert Topic.objects.filter(forum__slug="entre-aidants").exists()
    assert demo.load(stdout=io.StringIO()) == 0


def test_bench_forum_generates_data_and_prints_the_three_pages(db):
    members_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    out = io.StringIO()
    call_command("bench_forum", topics=5, posts=40, runs=2, stdout=out)
    call_command("bench_forum", topics=5, posts=40, runs=2, stdout=out)  # reuses the forum
    text = out.getvalue()
    assert "5 topics, 40 posts" in text
    for page in ("index", "topic list", "topic page"):
        assert page in text
