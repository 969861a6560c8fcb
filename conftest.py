"""Fixtures shared by every test package: the CMS tree, people in each role, logged-in clients."""

import contextlib
import copy
import shutil

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings
from django.utils import translation

from home.tests.factories import build_site_tree
from members.tests import factories as people
from tests.shared_data import rolled_back_when_done
from tests.smtp import SMTPCatcher


def pytest_unconfigure(config):
    """Uploads, the forum's search index and its attachments cache go to the temporary
    directory of this process (TEST_TEMP_DIR in portal.settings.test): remove it when the run
    ends, in each pytest-xdist worker and in the process that drives them."""
    temp_dir = getattr(settings, "TEST_TEMP_DIR", None) if settings.configured else None
    if temp_dir is not None and temp_dir.name.startswith("relais-test-"):
        shutil.rmtree(temp_dir, ignore_errors=True)


@pytest.fixture(autouse=True)
def _the_language_is_french_again_after_each_test():
    """A request in English (the language switch, an English Accept-Language) activates English
    for the thread that served it, and a test may activate it itself: go back to the site's
    language, so that what the next test in this worker reads does not depend on the order."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _caches_are_emptied_between_tests():
    """The database rolls back after each test but the local-memory cache does not: Wagtail keeps
    renditions there by image id, which would outlive the rows they stand for."""
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


# --- Transactional tests (browser journeys, concurrency) empty every table when they end, rows
# written by data migrations included (roles, forum permissions, Wagtail's root page and default
# site). Put those rows back, so that the tests that run afterwards find the database as
# migrations left it.

DATA_MIGRATION_APPS = ("members", "relais_forum", "relais_moderation", "helprequests", "portal")


def restore_migration_data():
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Collection, Locale, Page, Site

    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                locale=locale,
                content_type=ContentType.objects.get_for_model(Page),
            )
        )
    if not Site.objects.exists():
        # wagtailcore's initial data: a welcome page under the root, the default site on it.
        welcome = Page.get_first_root_node().add_child(
            instance=Page(
                title="Welcome to your new Wagtail site!",
                slug="home",
                locale=locale,
                content_type=ContentType.objects.get_for_model(Page),
            )
        )
        Site.objects.create(hostname="localhost", root_page=welcome, is_default_site=True)
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")

    steps = _data_migration_steps(connection)
    # The flush gave content types new ids: forget those the historical managers cached.
    for state_apps in {id(apps): apps for _operation, apps in steps}.values():
        with contextlib.suppress(LookupError):
            state_apps.get_model("contenttypes", "ContentType").objects.clear_cache()
    with connection.schema_editor(atomic=False) as editor:
        for operation, state_apps in steps:
            operation.code(state_apps, editor)


_STEPS = []


def _data_migration_steps(connection):
    """The RunPython operations of DATA_MIGRATION_APPS in migration order, each with the models
    as they stood when it ran. Rendering those states costs seconds: do it once per process."""
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    if _STEPS:
        return _STEPS
    loader = MigrationLoader(connection)
    seen = set()
    for leaf in loader.graph.leaf_nodes():
        for key in loader.graph.forwards_plan(leaf):
            if key[0] not in DATA_MIGRATION_APPS or key in seen:
                continue
            seen.add(key)
            operations = [
                op for op in loader.graph.nodes[key].operations if isinstance(op, RunPython)
            ]
            if operations:
                state_apps = loader.project_state(key, at_end=False).apps
                _STEPS.extend((operation, state_apps) for operation in operations)
    return _STEPS


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser journeys first. pytest-django puts transactional tests last, so under
    pytest-xdist the longest module (tests/e2e, about two minutes) started when every other
    module was done and one worker waited for it; started first, it runs while the other workers
    take the rest. What it empties is put back after it (restore_migration_data)."""
    items.sort(key=lambda item: "tests/e2e/" not in str(item.fspath))


def pytest_terminal_summary(terminalreporter, config):
    """One clear line when the browser tests were left out for want of chromium
    (tests/e2e/conftest.py)."""
    from tests.e2e.conftest import MISSING_BROWSER, REQUIRE_BROWSER, browser_missing

    if browser_missing() and not REQUIRE_BROWSER:
        terminalreporter.write_line(MISSING_BROWSER, yellow=True, bold=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # After every fixture of the test has been torn down, the database flush included.
    yield
    # After the session's last test the test database is already gone (nextitem is None).
    if _is_transactional(item) and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            restore_migration_data()


# --- The CMS tree, built once for a module that opts in with
# `pytestmark = pytest.mark.usefixtures("shared_site_tree")` (tests/shared_data.py says how and
# when a module may share data).


@pytest.fixture(scope="module")
def shared_site_tree(django_db_setup, django_db_blocker):
    """The CMS tree of build_site_tree, written once for the module (see above)."""
    with rolled_back_when_done(django_db_blocker):
        yield build_site_tree()


@pytest.fixture
def site_tree(request, db):
    """The CMS tree: the module's shared one (a deep copy of its pages) when the module opted in,
    else built for this test alone."""
    if "shared_site_tree" in request.fixturenames:
        return copy.deepcopy(request.getfixturevalue("shared_site_tree"))
    return build_site_tree()


@pytest.fixture
def member(db):
    return people.member(email="membre@relais.test")


@pytest.fixture
def editor(db):
    return people.editor(email="edition@relais.test")


@pytest.fixture
def coordinator(db):
    return people.coordinator(email="coordination@relais.test")


@pytest.fixture
def user_without_role(db):
    return people.UserFactory(email="sans-role@relais.test")


@pytest.fixture
def client_for(db):
    """`client_for(user)`: a fresh test client logged in as that user, as the login road would
    leave the session (people.log_in: the second factor passed when the user owns one)."""

    def make(user):
        return people.log_in(Client(), user)

    return make


# --- E-mail: every message the portal sends goes over SMTP to a catcher (tests/smtp.py). -----
# pytest-django swaps the backend for the in-memory one; this puts the SMTP backend back, so
# tests exercise Django's real SMTP sending as configured in portal.settings.test.

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture(scope="session", autouse=True)
def smtp_catcher(django_test_environment):
    catcher = SMTPCatcher(host=settings.EMAIL_HOST, port=settings.EMAIL_PORT).start()
    overrides = override_settings(EMAIL_BACKEND=SMTP_BACKEND, EMAIL_PORT=catcher.port)
    overrides.enable()
    yield catcher
    overrides.disable()
    catcher.stop()


@pytest.fixture
def mailbox(smtp_catcher):
    """The messages caught since the start of the test (email.message.EmailMessage objects)."""
    smtp_catcher.clear()
    return smtp_catcher.messages
