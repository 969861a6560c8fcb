"""Settings for the test suite: the same stack, with fast hashing and a local SMTP catcher."""

import os
import tempfile
from pathlib import Path

# RELAIS_TEST_S3=1: the whole suite with uploads on object storage, a local S3-compatible server
# of this process (tests/object_storage.py), started before the base settings read STORAGE_URL.
if os.environ.get("RELAIS_TEST_S3") == "1":
    from tests.object_storage import start_for_settings

    TEST_OBJECT_STORAGE = start_for_settings()

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# pytest-xdist runs the suite in several processes ("gw0", "gw1"…) and names each one in this
# variable before the settings are read. Everything a test process writes outside the database
# (its test database is suffixed by pytest-django) lives under its own temporary directory, and
# its mail catcher listens on its own port, so that no two workers, nor two runs, share either.
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
TEST_WORKER_INDEX = int(TEST_WORKER.removeprefix("gw") or 0)
TEST_TEMP_DIR = Path(tempfile.mkdtemp(prefix=f"relais-test-{TEST_WORKER or 'main'}-"))
for _name in ("media", "attachments", "forum-index", "invoices"):
    (TEST_TEMP_DIR / _name).mkdir()
MEDIA_ROOT = TEST_TEMP_DIR / "media"
INVOICES_ROOT = TEST_TEMP_DIR / "invoices"
# Tests send real messages over SMTP to a catcher that the test suite starts (tests/smtp.py).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = env.int("TEST_SMTP_PORT", default=2525) + TEST_WORKER_INDEX
EMAIL_USE_TLS = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Visitors' pages from the cache (portal/page_cache.py) on in every test, whatever the
# environment says: the tests that walk what a visitor may see go through it, as in production.
VISITOR_PAGE_CACHE_SECONDS = 600
CACHES["machina_attachments"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": str(TEST_TEMP_DIR / "attachments"),
}
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(TEST_TEMP_DIR / "forum-index"),
    }
}
# Background tasks run at once in tests; tests of the queue itself switch to the database.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "relais": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "mail"],
    },
}
