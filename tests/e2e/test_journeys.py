"""The browser journeys, on one demo network served once.

Each live-server test empties the database when it ends, data migrations included (roles, the
Wagtail root page), so the journeys share one test and run in order on the same demo network.
"""

from django.core.management import call_command

from tests.e2e.appointments_journey import (
    a_member_books_the_helpers_slot_both_get_the_calendar_file_and_a_late_cancel_stays_due,
)
from tests.e2e.csp_journey import (
    public_member_and_admin_pages_work_under_the_policy_without_any_violation,
)
from tests.e2e.demo import PASSWORD
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
from tests.e2e.phone_journey import a_member_on_a_phone_reaches_every_entry_and_every_page_fits
from tests.e2e.visitor_journey import (
    visitor_reads_a_charter_is_refused_a_members_resource_then_logs_in_and_reads_it,
)


def test_visitor_and_newcomer_journeys_on_the_demo_network(
    transactional_db, live_server, browser, page, mailbox
):
    call_command("load_demo", password=PASSWORD, verbosity=0)

    visitor_reads_a_charter_is_refused_a_members_resource_then_logs_in_and_reads_it(
        live_server, page
    )
    newcomer_joins_hides_their_phone_and_another_member_cannot_see_or_find_it(
        live_server, browser, mailbox
    )
    a_member_asks_for_urgent_help_and_the_request_lives_until_it_is_closed(live_server, browser)
    new_members_first_topic_waits_is_approved_from_the_queue_and_another_member_reads_it(
        live_server, browser
    )
    member_reads_a_forum_topic_and_replies(live_server, browser)
    a_member_takes_the_last_seat_and_the_next_one_is_promoted_when_it_frees(
        live_server, browser, mailbox
    )
    a_member_books_the_helpers_slot_both_get_the_calendar_file_and_a_late_cancel_stays_due(
        live_server, browser, mailbox
    )
    public_member_and_admin_pages_work_under_the_policy_without_any_violation(live_server, browser)
    a_member_on_a_phone_reaches_every_entry_and_every_page_fits(live_server, browser)
    a_helper_issues_the_invoice_at_the_threshold_and_the_coordination_marks_it_paid(
        live_server, browser, mailbox
    )
