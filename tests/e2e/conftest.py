"""Browser tests: Debian's chromium driven by Playwright against Django's live server."""

import os
import shutil
import tempfile

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Continuous integration (.ci/run) installs chromium and sets this: there a missing browser is an
# error, never a reason to leave the browser tests out.
REQUIRE_BROWSER = os.environ.get("RELAIS_REQUIRE_BROWSER") == "1"
MISSING_BROWSER = (
    f"browser tests left out: no chromium at {CHROMIUM}. Install Debian's package "
    "(sudo apt-get install chromium) or set CHROMIUM_PATH; .ci/run installs it and runs them."
)


def browser_missing():
    return not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK))


def pytest_collection_modifyitems(config, items):
    # `make test-fast` leaves the browser tests out by this mark. Under pytest-xdist
    # (--dist=loadscope, see the Makefile) a module's tests stay on one worker, so the journeys
    # of test_journeys.py share one chromium and one live server.
    browser_tests = [item for item in items if "tests/e2e/" in str(item.fspath)]
    for item in browser_tests:
        item.add_marker(pytest.mark.e2e)
    if browser_tests and browser_missing() and not REQUIRE_BROWSER:
        # A fresh machine without chromium: say so in one line and run everything else.
        config.hook.pytest_deselected(items=browser_tests)
        items[:] = [item for item in items if item not in browser_tests]
        # The line itself is written by the root conftest.py (pytest_terminal_summary), which
        # runs in pytest-xdist's controller too.


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (not by the live server) are still synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="relais-chromium-")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def demo_network(django_db_setup, django_db_blocker):
    """One live server on one demo network, shared by the journeys of a module, each its own
    test (issue #17, item 10), so that the first failure does not hide the others.

    pytest-django's `live_server` makes every test that asks for it transactional: the test
    database is emptied when each test ends (TransactionTestCase's flush), demo included, so
    journeys sharing the demo had to be one test. Here the module opens the database itself,
    loads the demo once, starts its own server, and its tests ask for neither `live_server` nor
    a database fixture: nothing is emptied between them. When the module ends it empties the
    database as a transactional test would and puts back what data migrations wrote
    (conftest.restore_migration_data), so the next modules on this worker find it as migrations
    left it. The journeys run in the file's order and each builds on the demo, not on another.
    """
    from django.core.management import call_command
    from pytest_django.live_server_helper import LiveServer

    from conftest import restore_migration_data
    from tests.e2e.demo import PASSWORD

    with django_db_blocker.unblock():
        call_command("load_demo", password=PASSWORD, verbosity=0)
        server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            restore_migration_data()
