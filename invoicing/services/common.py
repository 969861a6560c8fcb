"""What the invoicing services share: the logger, the helper's invoices link, the row lock."""

import logging

from django.urls import reverse

from ..models import (
    Invoice,
)

logger = logging.getLogger("invoicing")


def _mine_link():
    return reverse("invoicing:mine")


def _lock(invoice):
    return Invoice.objects.select_for_update().get(pk=invoice.pk)
