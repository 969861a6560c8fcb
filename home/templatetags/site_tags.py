"""Navigation, footer and labels shared by every page; each goes through home.visibility.

The menu, the footer and the help link depend only on the audience (home.visibility.audience_of):
each is built once per audience and kept in the shared cache until the content changes
(portal.page_cache.audience_block; issue #16, item 3).
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Site

from portal import page_cache

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


def _cached_for_audience(request, name, build):
    """A block that depends only on the audience, from the shared cache (portal/page_cache.py)."""
    return page_cache.audience_block(request, name, visibility.audience_of(request), build)


def _menu_entries(request):
    """The menu's links for this audience: (title, url, tree path), root first."""
    root = _site_root(request)
    if root is None:
        return None, []
    items = [(item.title, item.get_url(request), item.path) for item in menu_pages(request, root)]
    return (root.get_url(request), root.path), items


@register.inclusion_tag("home/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    current = context.get("page")
    root, items = _cached_for_audience(request, "menu", lambda: _menu_entries(request))
    current_path = current.path if current else ""
    return {
        "request": request,
        "root_url": root[0] if root else None,
        "root_is_current": root is not None and current_path == root[1],
        "items": [
            {"title": title, "url": url, "is_current": current_path.startswith(path)}
            for title, url, path in items
        ],
        # The forum is no Wagtail page: members find it beside the pages (issue #17, item 4).
        "user_roles": context.get("user_roles", {}),
        "forum_is_current": request.path.startswith(reverse("forum:index")),
    }


def _footer_html(request):
    links = _site_links(request)
    pages = [
        page
        for page in (links.legal_notice, links.privacy_policy)
        if page is not None and page.live and visibility.is_page_visible(request, page)
    ]
    context = {
        "request": request,
        "pages": pages,
        "charters": current_charters(request),
        "links": links,
    }
    return render_to_string("home/tags/footer.html", context)


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context["request"]
    return mark_safe(_cached_for_audience(request, "footer", lambda: _footer_html(request)))  # noqa: S308 - our own template's output


def _help_link_html(request):
    page = _site_links(request).help_page
    if page is None or not page.live or not visibility.is_page_visible(request, page):
        page = None
    return render_to_string("home/tags/help_link.html", {"help_page": page, "request": request})


@register.simple_tag(takes_context=True)
def help_link(context):
    """The way to ask for help, on every page: people in difficulty must find it at once."""
    request = context["request"]
    return mark_safe(_cached_for_audience(request, "help-link", lambda: _help_link_html(request)))  # noqa: S308 - our own template's output


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
