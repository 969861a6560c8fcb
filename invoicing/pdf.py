"""The PDF of an issued invoice or credit note, rendered by WeasyPrint from an HTML template.

It states what R-A8 and French invoicing rules ask: the number, the issue date, the issuer (the
helper's business details as they were that day) and the recipient (the operator, from the
billing settings), the number of sessions, each session's date and amount excl. tax, the VAT
or the "TVA non applicable, art. 293 B du CGI" mention, and the totals. It never names a member
or an organisation: a line knows a session by its date only.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .models import VAT_EXEMPTION_MENTION


def render(document):
    """The PDF's bytes for `document` (an Invoice that has been issued)."""
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "invoicing/pdf.html",
            {
                "invoice": document,
                "lines": list(document.lines.all()),
                "exemption_mention": VAT_EXEMPTION_MENTION,
            },
        )
    return HTML(string=html).write_pdf()
