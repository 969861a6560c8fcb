"""`make bench-http` (portal/management/commands/bench_http.py): its figures are never asserted,
but its reading of wrk's output and its table are."""

import io

from portal.management.commands.bench_http import Command, parse_duration


def test_wrk_latencies_are_read_in_milliseconds():
    assert parse_duration("850.00us") == 0.85
    assert parse_duration("12.34ms") == 12.34
    assert parse_duration("1.02s") == 1020
    assert parse_duration("2.00m") == 120000


def test_the_table_gives_each_page_its_share_of_the_ceiling():
    command = Command(stdout=io.StringIO())
    command._print(
        [
            ("bare Django (ceiling)", "/", 1000.0, 2.0, 9.0, 0),
            ("home (visitor)", "/", 500.0, 4.0, 20.0, 0),
            ("directory (member)", "/membres/annuaire/", 50.0, 40.0, 90.0, 3),
        ]
    )
    lines = command.stdout.getvalue().splitlines()
    assert lines[0].split()[:4] == ["page", "req/s", "p50", "ms"]
    assert "50.0%" in lines[2]
    assert "5.0%" in lines[3] and "(3 errors)" in lines[3]
