"""Where issued invoices' PDFs are kept: a private directory outside MEDIA_ROOT (INVOICES_ROOT),
or, when uploads go to object storage, the same private bucket under the prefix "invoices/"
(portal.storage.PrivateInvoiceObjectStorage; STORAGES["invoices"]), so that every application
server finds them. No URL at all: they are served only by invoicing.views (the helper's own, the
coordination), after the permission check, never by the web server nor by /media/."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateInvoiceStorage(FileSystemStorage):
    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.INVOICES_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("invoices have no public URL: serve them through invoicing.views")


def private_invoices():
    """The storage (a callable, so that migrations do not record where it is)."""
    return storages["invoices"]


def invoice_path(instance, filename):
    # No name, no number in the path: an opaque id per file.
    return f"{instance.issued_on:%Y}/{uuid.uuid4().hex}.pdf"
