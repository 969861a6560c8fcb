"""Where issued invoices' PDFs are kept: a private directory outside MEDIA_ROOT (INVOICES_ROOT),
with no URL at all. They are served only by invoicing.views (the helper's own, the coordination),
after the permission check, never by the web server nor by /media/."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateInvoiceStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("invoices have no public URL: serve them through invoicing.views")


def private_invoices():
    """The storage (a callable, so that migrations do not record the directory)."""
    return PrivateInvoiceStorage(location=settings.INVOICES_ROOT)


def invoice_path(instance, filename):
    # No name, no number in the path: an opaque id per file.
    return f"{instance.issued_on:%Y}/{uuid.uuid4().hex}.pdf"
