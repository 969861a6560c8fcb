"""Uploaded files on private object storage (portal/settings/object_storage.py).

The storage hands out no URL of the bucket: `url()` is the application's own /media/ route, so
that a page, a cached page or an e-mail never carries a link that skips the access check. Only
the view that has decided the visitor may see the file (home.views.serve_protected_media) asks
for `signed_url()`, a link valid for MEDIA_SIGNED_URL_SECONDS.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateObjectStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)

    def signed_url(self, name, *, content_type=None, expire=None):
        """A link to the object itself that expires, for a visitor already allowed to see it.
        The type sent back is the one we chose, not whatever the bucket recorded."""
        parameters = {"ResponseCacheControl": "private, no-store"}
        if content_type:
            parameters["ResponseContentType"] = content_type
        return super().url(name, parameters=parameters, expire=expire)


class PrivateInvoiceObjectStorage(S3Storage):
    """Issued invoices (invoicing/storage.py) in the same private bucket, under their own
    prefix: no URL at all, served only by invoicing.views after the permission check."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("invoices have no URL: serve them through invoicing.views")
