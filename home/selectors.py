"""Reads of CMS content for one visitor. Every function filters through home.visibility."""

import re

from django.utils import timezone
from wagtail.models import Page

from . import visibility
from .models import CharterKind, CharterPage, NewsPage, ResourceKind, ResourcePage, Theme


def visible_pages(request, queryset=None):
    return visibility.visible_pages(request, queryset)


def visible_children(request, page):
    return visible_pages(request, page.get_children()).specific().order_by("path")


def menu_pages(request, site_root):
    """Top-level navigation: children of the site's home page marked "show in menus"."""
    if site_root is None:
        return Page.objects.none()
    return visible_pages(request, site_root.get_children().filter(show_in_menus=True)).order_by(
        "path"
    )


def latest_resources(request, limit):
    queryset = ResourcePage.objects.order_by("-first_published_at", "-pk")
    return list(visible_pages(request, queryset).prefetch_related("themes")[:limit])


def latest_news(request, limit):
    queryset = NewsPage.objects.order_by("-date", "-pk")
    return list(visible_pages(request, queryset)[:limit])


def news_under(request, index_page):
    """The live news below an index page, newest first."""
    queryset = NewsPage.objects.live().descendant_of(index_page).order_by("-date", "-pk")
    return visible_pages(request, queryset)


def filtered_resources(request, index_page):
    """Resources under an index page, filtered by theme, kind and tag from the query string."""
    queryset = ResourcePage.objects.descendant_of(index_page)
    filters = {}
    theme = request.GET.get("theme", "")
    if theme and Theme.objects.filter(slug=theme).exists():
        queryset = queryset.filter(themes__slug=theme)
        filters["theme"] = theme
    kind = request.GET.get("kind", "")
    if kind in ResourceKind.values:
        queryset = queryset.filter(kind=kind)
        filters["kind"] = kind
    tag = request.GET.get("tag", "").strip()[:100]
    if tag:
        queryset = queryset.filter(tags__name__iexact=tag)
        filters["tag"] = tag
    queryset = visible_pages(request, queryset).distinct().order_by("title")
    return queryset.prefetch_related("themes"), filters


# Words only: quotes, operators (OR, NEAR(…), *, :, ^, &, |, !) and control characters mean
# something to SQLite's FTS5 or PostgreSQL's tsquery, and an unbalanced one is a syntax error.
# The operators written in capitals are dropped too: every word is required, so "OR" would be.
_WORD = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
MAX_SEARCH_WORDS = 12


def search_words(query):
    """The words of what a visitor typed, as the search engine will look for them."""
    words = [word for word in _WORD.findall(query or "") if word not in _OPERATORS]
    return words[:MAX_SEARCH_WORDS]


def search_pages(request, query):
    """Site search, restricted to the pages the visitor may see (words only, see search_words)."""
    words = search_words(query)
    if not words:
        return Page.objects.none()
    return visible_pages(request).specific().search(" ".join(words))


def current_charter(kind, today=None):
    """The version of a charter kind in force today: live, effective, latest effective date."""
    today = today or timezone.localdate()
    return (
        CharterPage.objects.live()
        .filter(kind=kind, effective_date__lte=today)
        .order_by("-effective_date", "-pk")
        .first()
    )


def charters_in_force(kinds=None, today=None):
    """{kind: version in force} in one query: live, effective, latest effective date (R-C15).

    The one definition of "the current version", for the footer, the charters index and the
    joining gate alike (current_charter answers the same for a single kind).
    """
    today = today or timezone.localdate()
    queryset = CharterPage.objects.live().filter(effective_date__lte=today)
    if kinds is not None:
        queryset = queryset.filter(kind__in=list(kinds))
    in_force = {}
    for charter in queryset.order_by("kind", "-effective_date", "-pk"):
        in_force.setdefault(charter.kind, charter)
    return in_force


def current_charters(request, today=None):
    """One entry per kind that has a version in force and that the visitor may see."""
    in_force = charters_in_force(today=today)
    charters = [in_force[kind] for kind in CharterKind.values if kind in in_force]
    return [charter for charter in charters if visibility.is_page_visible(request, charter)]
