"""Erase the personal content of help requests closed for longer than the retention period.

Run daily by the worker (helprequests/jobs.py); an operator may run it by hand. Keeps the
anonymised facts the indicators need (helprequests/services/retention.py, R-K7).
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from helprequests.services import erase_expired_requests


class Command(BaseCommand):
    help = _(
        "Efface le contenu personnel des demandes d’aide closes depuis plus longtemps que la "
        "durée de conservation."
    )

    def handle(self, *args, **options):
        count = erase_expired_requests()
        if options.get("verbosity", 1):
            self.stdout.write(
                ngettext("%(count)d demande effacée.", "%(count)d demandes effacées.", count)
                % {"count": count}
            )
