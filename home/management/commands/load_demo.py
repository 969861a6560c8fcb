"""`manage.py load_demo [--password PW]`: build the whole demo network at once.

A thin orchestrator: each app owns a `demo` module whose `load(*, stdout, password)` creates its
part of the demo and returns how many objects it created. Running the command again creates
nothing: every module looks its objects up (by slug, e-mail or title) before creating them.
"""

from importlib import import_module

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

# In dependency order: accounts and groups first, then the CMS content that refers to them.
# A feature that brings its own demo data adds its module here.
DEMO_MODULES = [
    "members.demo",
    "home.demo",
    "forum.demo",
    "forum.moderation.demo",
    "helprequests.demo",
    "events.demo",
    "appointments.demo",
    "invoicing.demo",
    "accreditation.demo",
    "surveys.demo",
    "indicators.demo",
]


class Command(BaseCommand):
    help = _("Charge le réseau de démonstration (comptes, pages, ressources, documents).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help=_("Mot de passe des comptes de démonstration créés par cette commande."),
        )

    def handle(self, *args, password=None, **options):
        if password is not None:
            try:
                validate_password(password)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error

        created = 0
        with transaction.atomic():
            for module_path in DEMO_MODULES:
                module = import_module(module_path)
                created += module.load(stdout=self.stdout, password=password)
            # Some data needs the CMS content first (acceptances of the charters in force).
            for module_path in DEMO_MODULES:
                after_cms = getattr(import_module(module_path), "load_after_cms", None)
                if after_cms is not None:
                    created += after_cms(self.stdout)

        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Réseau de démonstration chargé : %(count)d éléments créés.")
                    % {"count": created}
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(_("Rien à faire : le réseau de démonstration existe déjà."))
            )
