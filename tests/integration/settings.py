"""Settings of the proxy integration test (test_proxy.py): production's, with two changes.

- `proxy`: static files are not collected first (the manifest storage of production would
  need `collectstatic`, a minute of compression that checks nothing here); WhiteNoise serves
  them from the apps' folders instead. Everything the test checks (proxy headers, sessions,
  rate limits, cookies, SSL redirect, media) is production's own.
- `setup`: the throw-away database is built from the models at once (`migrate --run-syncdb`),
  then the data migrations' RunPython steps are replayed (conftest.restore_migration_data), as
  pytest-django does without migrations: running all the migrations takes minutes.
"""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import MIGRATION_MODULES, STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

REAL_MIGRATION_MODULES = dict(MIGRATION_MODULES)


class _NoMigrations(dict):
    def __contains__(self, item):
        return True

    def __getitem__(self, item):
        return None
