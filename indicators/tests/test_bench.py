import io

import pytest
from django.core.management import call_command

from helprequests.models import HelpRequest, HelpRequestSettings

pytestmark = pytest.mark.django_db


def test_the_bench_prints_time_and_queries_and_leaves_nothing():
    HelpRequestSettings.load()
    out = io.StringIO()
    call_command("bench_indicators", requests=120, sessions=200, runs=1, stdout=out)
    text = out.getvalue()
    assert "7 queries" in text
    assert "120 requests counted" in text
    assert not HelpRequest.objects.exists()
