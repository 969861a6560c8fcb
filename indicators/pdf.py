"""An organisation's report as PDF, rendered by WeasyPrint from an HTML template (the pattern of
invoicing/pdf.py). It carries exactly what the web page shows: protected counts and approved
remarks."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render(report):
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("indicators/report_pdf.html", {"report": report})
    return HTML(string=html).write_pdf()
