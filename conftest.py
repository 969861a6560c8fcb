"""Fixtures shared by every test package: the CMS tree, people in each role, logged-in clients."""

import shutil

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings

from home.tests.factories import build_site_tree
from members.tests import factories as people
from tests.smtp import SMTPCatcher


@pytest.fixture(scope="session", autouse=True)
def _media_root_is_emptied_after_the_run():
    """Uploaded test files go to the temporary MEDIA_ROOT of portal.settings.test; remove them."""
    yield
    media_root = settings.MEDIA_ROOT
    if "relais-test-media-" in str(media_root):
        shutil.rmtree(media_root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _caches_are_emptied_between_tests():
    """The database rolls back after each test but the local-memory cache does not: Wagtail keeps
    renditions there by image id, which would outlive the rows they stand for."""
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def site_tree(db):
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
    """`client_for(user)`: a fresh test client logged in as that user."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

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
