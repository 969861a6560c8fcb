"""Rich text rendered for one visitor (security issue, item 10).

Wagtail renders a link inside rich text the same for everyone: a link to a members-only page
shows its address (and so its slug), a link to a document its file name. The blocks that choose
a page, a document or an image already ask home/visibility.py through the `visible_page` and
`visible_media` filters; rich text does the same here. Before Wagtail expands the stored HTML,
every link to a page or document the visitor may not see is replaced by its bare text (no href,
no slug, no file name, no id); the other links and the embeds go through Wagtail unchanged.

Templates call the `visible_richtext` filter (home/templatetags/site_tags.py), the stream's
paragraphs go through BodyBlock (home/blocks.py). The result depends on the request, so nothing
here is cached beyond the request.
"""

import re

from django.template.loader import render_to_string
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import RichText, expand_db_html
from wagtail.rich_text.rewriters import extract_attrs

from . import visibility

# A link as stored by Wagtail: <a linktype="page" id="3">text</a>. Links do not nest.
_STORED_LINK = re.compile(r"<a(\b[^>]*)>(.*?)</a>", re.DOTALL)
_LINKTYPES = ("page", "document")


def _ids(source):
    wanted = {linktype: set() for linktype in _LINKTYPES}
    for match in _STORED_LINK.finditer(source):
        attrs = extract_attrs(match[1])
        if attrs.get("linktype") in wanted and str(attrs.get("id", "")).isdigit():
            wanted[attrs["linktype"]].add(int(attrs["id"]))
    return wanted


def _visible_ids(request, wanted):
    visible = {linktype: set() for linktype in _LINKTYPES}
    if request is None:  # rendered outside a request: nobody known, deny by default
        return visible
    if wanted["page"]:
        pages = visibility.visible_pages(request, Page.objects.filter(pk__in=wanted["page"]))
        visible["page"] = set(pages.values_list("pk", flat=True))
    if wanted["document"]:
        documents = get_document_model().objects.select_related("collection")
        documents = documents.filter(pk__in=wanted["document"])
        visible["document"] = {
            document.pk for document in visibility.visible_media(request, documents)
        }
    return visible


def hide_unseen_links(request, source):
    """The stored rich text with links to unseen pages and documents reduced to their text."""
    source = source or ""
    wanted = _ids(source)
    if not any(wanted.values()):
        return source
    visible = _visible_ids(request, wanted)

    def replace(match):
        attrs = extract_attrs(match[1])
        linktype = attrs.get("linktype")
        if linktype not in _LINKTYPES:
            return match[0]
        identifier = str(attrs.get("id", ""))
        if identifier.isdigit() and int(identifier) in visible[linktype]:
            return match[0]
        return match[2]

    return _STORED_LINK.sub(replace, source)


def render_for(request, value):
    """The HTML of a rich text (RichText, or the stored string of a RichTextField) for `request`."""
    if value is None:
        return ""
    source = value.source if isinstance(value, RichText) else str(value)
    html = expand_db_html(hide_unseen_links(request, source))
    # The template Wagtail's own `richtext` filter renders, so the markup stays the same.
    return render_to_string("wagtailcore/shared/richtext.html", {"html": html})
