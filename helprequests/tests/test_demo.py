"""The demo help requests: every state, clocks of every colour, the role accounts served."""

from io import StringIO

import pytest
from django.core.management import call_command

from helprequests import demo, selectors
from helprequests.models import Alert, HelpRequest, Message, Routing, Status, Transition
from members.models import User
from tests.shared_data import rolled_back_when_done, run_on_commit_callbacks

PASSWORD = "un-mot-de-passe-de-test-2026"


@pytest.fixture(scope="module")
def mails_sent_by_the_demo(django_db_setup, django_db_blocker, smtp_catcher):
    """The demo, loaded once for the module's tests, which only read it (tests/shared_data.py);
    its value is the e-mails the loading sent, what would run on commit included."""
    with rolled_back_when_done(django_db_blocker):
        smtp_catcher.clear()
        with run_on_commit_callbacks():
            call_command("load_demo", password=PASSWORD, stdout=StringIO())
        yield list(smtp_catcher.messages)


@pytest.fixture
def loaded(db, mails_sent_by_the_demo):
    return HelpRequest.objects.filter(reference__startswith="D-DEMO")


def test_the_demo_has_requests_in_every_state(loaded):
    assert loaded.count() == len(demo.REQUESTS) >= 20
    assert {request.status for request in loaded} == set(Status.values)
    assert loaded.filter(urgent=True).count() >= 3
    assert len({request.organisation_id for request in loaded}) >= 4
    assert len({request.theme_id for request in loaded}) == 5


def test_the_queue_shows_green_amber_and_red_clocks(loaded):
    clocks = {request.clock for request in selectors.coordination_queue()}
    assert {"green", "amber", "red", None} <= clocks


def test_one_request_has_an_open_alert_and_one_has_shared_contact_and_messages(loaded):
    assert Alert.objects.filter(handled_at__isnull=True).count() == 1
    assert loaded.filter(alert_raised=True).count() == 1
    shared = [r for r in Routing.objects.filter(request__in=loaded) if r.contact_shared]
    assert len(shared) == 1
    assert Message.objects.filter(request=shared[0].request).count() >= 3


def test_the_role_accounts_have_requests_to_look_at(loaded):
    member = User.objects.get(email="membre@relais.test")
    helper = User.objects.get(email="aidant@relais.test")
    mine = selectors.requests_of(member)
    assert {r.status for r in mine} >= {Status.SUBMITTED, Status.IN_PROGRESS, Status.RESOLVED}
    assert selectors.questionnaire_waiting(member).count() == 1
    routings = selectors.routings_for_helper(helper)
    assert {r.status for r in routings} == {"offered", "accepted"}
    for routing in routings:
        assert helper.has_perm("helprequests.view_brief", routing.request)


def test_the_demo_sends_no_email_and_a_second_run_creates_nothing(loaded, mails_sent_by_the_demo):
    assert mails_sent_by_the_demo == []
    counts = (HelpRequest.objects.count(), Transition.objects.count(), Message.objects.count())
    out = StringIO()
    call_command("load_demo", password=PASSWORD, stdout=out)
    assert (
        HelpRequest.objects.count(),
        Transition.objects.count(),
        Message.objects.count(),
    ) == counts
    assert "tout existe déjà" in out.getvalue()


def test_every_demo_history_is_in_order(loaded):
    for request in loaded:
        times = list(request.transitions.order_by("pk").values_list("at", flat=True))
        assert times == sorted(times)
        assert times[0] == request.submitted_at
