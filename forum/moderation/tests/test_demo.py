"""The moderation demo puts one waiting post and one report in the queue, once."""

import io

import pytest

from forum.moderation import demo
from forum.moderation.models import PostReport
from members.demo import DEMO_DOMAIN
from members.tests.factories import member

from . import factories

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_queue_once(forum):
    author = member(email="membre@relais.test")
    member(email="membre2@relais.test")
    newcomer = member(email=f"zoe.zephyr@{DEMO_DOMAIN}")
    factories.make_topic(forum, author, subject="Premier fil")
    factories.make_topic(forum, author, subject="Second fil")
    assert demo.load(stdout=io.StringIO()) == 2
    assert factories.Post.objects.filter(approved=False, poster=newcomer).count() == 1
    assert PostReport.objects.count() == 1
    assert demo.load(stdout=io.StringIO()) == 0
