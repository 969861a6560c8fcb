"""The browser journeys, one test each, on one demo network served once (issue #17, item 10).

They share the live server and the demo of the `demo_network` fixture (tests/e2e/conftest.py,
which says why the journeys no longer need to be one test), so a failing journey is reported by
its name and the next ones still run. They run in this file's order.
"""

from django.contrib.auth.models import Group

from tests.e2e.appointments_journey import (
    a_member_books_the_helpers_slot_both_get_the_calendar_file_and_a_late_cancel_stays_due,
)
from tests.e2e.csp_journey import (
    public_member_and_admin_pages_work_under_the_policy_without_any_violation,
)
from tests.e2e.events_journey import (
    a_member_takes_the_last_seat_and_the_next_one_is_promoted_when_it_frees,
)
from tests.e2e.forum_journey import member_reads_a_forum_topic_and_replies
from tests.e2e.forum_moderation_journey import (
    new_members_first_topic_waits_is_approved_from_the_queue_and_another_member_reads_it,
)
from tests.e2e.helprequest_journey import (
    a_member_asks_for_urgent_help_and_the_request_lives_until_it_is_closed,
)
from tests.e2e.invoicing_journey import (
    a_helper_issues_the_invoice_at_the_threshold_and_the_coordination_marks_it_paid,
)
from tests.e2e.joining_journey import (
    newcomer_joins_hides_their_phone_and_another_member_cannot_see_or_find_it,
)
from tests.e2e.phone_journey import (
    a_member_on_a_phone_reaches_every_entry_and_every_page_fits,
    pages_changed_for_issue_17_fit_a_phone,
)
from tests.e2e.visitor_journey import (
    visitor_reads_a_charter_is_refused_a_members_resource_then_logs_in_and_reads_it,
)


def test_the_journeys_have_their_test_database(transactional_db):
    """Asks for the test database on the journeys' behalf: pytest-django sets up only the
    databases that collected tests ask for, and the journeys reach theirs through the module's
    `demo_network` fixture, which declares nothing. Being transactional, pytest-django runs this
    test before them; what it empties when it ends is put back before the demo is loaded."""
    assert Group.objects.filter(name="Membres").exists()


def test_visitor(demo_network, page):
    visitor_reads_a_charter_is_refused_a_members_resource_then_logs_in_and_reads_it(
        demo_network, page
    )


def test_joining(demo_network, browser, mailbox):
    newcomer_joins_hides_their_phone_and_another_member_cannot_see_or_find_it(
        demo_network, browser, mailbox
    )


def test_help_request(demo_network, browser):
    a_member_asks_for_urgent_help_and_the_request_lives_until_it_is_closed(demo_network, browser)


def test_forum_moderation(demo_network, browser):
    new_members_first_topic_waits_is_approved_from_the_queue_and_another_member_reads_it(
        demo_network, browser
    )


def test_forum(demo_network, browser):
    member_reads_a_forum_topic_and_replies(demo_network, browser)


def test_events(demo_network, browser, mailbox):
    a_member_takes_the_last_seat_and_the_next_one_is_promoted_when_it_frees(
        demo_network, browser, mailbox
    )


def test_appointments(demo_network, browser, mailbox):
    a_member_books_the_helpers_slot_both_get_the_calendar_file_and_a_late_cancel_stays_due(
        demo_network, browser, mailbox
    )


def test_content_security_policy(demo_network, browser):
    public_member_and_admin_pages_work_under_the_policy_without_any_violation(demo_network, browser)


def test_phone(demo_network, browser):
    a_member_on_a_phone_reaches_every_entry_and_every_page_fits(demo_network, browser)


def test_phone_account_request_and_queue_pages(demo_network, browser):
    pages_changed_for_issue_17_fit_a_phone(demo_network, browser)


def test_invoicing(demo_network, browser, mailbox):
    a_helper_issues_the_invoice_at_the_threshold_and_the_coordination_marks_it_paid(
        demo_network, browser, mailbox
    )
