"""Build the proxy test's throw-away database: tables from the models, the data migrations'
rows, one member who may log in, a forum they may post in (its new-topic
URL is printed). Run as `python -m tests.integration.build_database EMAIL` from the root
with DJANGO_SETTINGS_MODULE=tests.integration.settings and the test's environment."""

import sys

import django
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

if __name__ == "__main__":
    from tests.integration import settings as proxy_settings

    django.setup()
    with override_settings(MIGRATION_MODULES=proxy_settings._NoMigrations()):
        call_command("migrate", run_syncdb=True, verbosity=0)
    with override_settings(MIGRATION_MODULES=proxy_settings.REAL_MIGRATION_MODULES):
        from conftest import restore_migration_data  # the root's (run from the root)

        restore_migration_data()
    from forum.moderation.tests import factories as forum_factories
    from forum.moderation.tests.posting import topic_create_url
    from members.tests import factories as people

    people.member(email=sys.argv[1], verified_email=True)
    # A forum members may post in, with attachments: the application's own upload rule.
    print(topic_create_url(forum_factories.make_forum("Échanges entre membres")))
    assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
