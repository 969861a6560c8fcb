"""Navigation, footer and labels shared by every page; each goes through home.visibility."""

from django import template
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import Site

from .. import rich_text, visibility
from ..models import SiteLinks
from ..selectors import current_charters, menu_pages

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def _site_links(request):
    """The site's links; empty ones when no Wagtail site answers this host (a server set up
    before its site, a test database just emptied): every page, the error pages included,
    still renders."""
    if Site.find_for_request(request) is None:  # both calls keep their answer on the request
        return SiteLinks()
    return SiteLinks.for_request(request)


@register.inclusion_tag("home/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    current = context.get("page")
    root = _site_root(request)
    current_path = current.path if current else ""
    items = [(item, current_path.startswith(item.path)) for item in menu_pages(request, root)]
    return {
        "request": request,
        "root": root,
        "root_is_current": root is not None and current_path == root.path,
        "items": items,
        # The forum is no Wagtail page: members find it beside the pages (issue #17, item 4).
        "user_roles": context.get("user_roles", {}),
        "forum_is_current": request.path.startswith(reverse("forum:index")),
    }


@register.inclusion_tag("home/tags/footer.html", takes_context=True)
def site_footer(context):
    request = context["request"]
    links = _site_links(request)
    pages = [
        page
        for page in (links.legal_notice, links.privacy_policy)
        if page is not None and page.live and visibility.is_page_visible(request, page)
    ]
    return {
        "request": request,
        "pages": pages,
        "charters": current_charters(request),
        "links": links,
    }


@register.inclusion_tag("home/tags/help_link.html", takes_context=True)
def help_link(context):
    """The way to ask for help, on every page: people in difficulty must find it at once."""
    request = context["request"]
    page = _site_links(request).help_page
    if page is None or not page.live or not visibility.is_page_visible(request, page):
        page = None
    return {"help_page": page}


@register.filter
def visible_page(page, request):
    """The page if the visitor may see it, else None: links to hidden pages are not shown."""
    if page is None or not page.live or not visibility.is_page_visible(request, page):
        return None
    return page


@register.filter
def visible_media(obj, request):
    """The document or image if the visitor may see it, else None."""
    if obj is None or not visibility.is_media_visible(request, obj):
        return None
    return obj


@register.filter
def visible_richtext(value, request):
    """Rich text with links to pages and documents the visitor may not see shown as plain text
    (home/rich_text.py); use it instead of Wagtail's `richtext` filter."""
    return rich_text.render_for(request, value)


@register.simple_tag(takes_context=True)
def members_only(context, page):
    """True when the page is restricted to members (to label it for those who may see it)."""
    return visibility.is_members_only(page, context.get("request"))


@register.filter
def summary_text(page):
    """A plain-text summary of any page type, for search results."""
    for attribute in ("summary", "intro", "search_description"):
        value = getattr(page, attribute, "")
        if value:
            return strip_tags(str(value))
    return ""
