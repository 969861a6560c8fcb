"""What each CMS page of `home` lists for a visitor: the one place that asks the selectors.

Registered with `home.context_builders.builds` (see there why models do not import selectors)
and loaded by `HomeConfig.ready()`. Every listing starts from a selector, so it goes through
`home/visibility.py`.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import timezone

from members import gate

from . import selectors, visibility
from .context_builders import builds
from .models import (
    CharterIndexPage,
    CharterPage,
    HomePage,
    NewsIndexPage,
    ResourceIndexPage,
    ResourceKind,
    ResourcePage,
    StandardPage,
    Theme,
)

NEWS_PER_PAGE = 10
RESOURCES_PER_PAGE = 12


@builds(HomePage)
def home_page(page, request):
    return {
        "latest_resources": selectors.latest_resources(request, limit=4),
        "latest_news": selectors.latest_news(request, limit=3),
        # A member with a new version of the terms to accept reads it here (issue #17, item 5).
        "terms_waiting": gate.terms_waiting_url(request.user),
    }


@builds(StandardPage)
def standard_page(page, request):
    return {"children": selectors.visible_children(request, page)}


@builds(NewsIndexPage)
def news_index_page(page, request):
    news = selectors.news_under(request, page)
    return {"news": Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))}


@builds(ResourceIndexPage)
def resource_index_page(page, request):
    resources, filters = selectors.filtered_resources(request, page)
    return {
        "resources": Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page")),
        "filters": filters,
        "filters_query": urlencode(filters),
        "themes": Theme.objects.all(),
        "kinds": ResourceKind.choices,
    }


@builds(ResourcePage)
def resource_page(page, request):
    attachments = list(page.attachments.select_related("document__collection"))
    shown = {d.pk for d in visibility.visible_media(request, [a.document for a in attachments])}
    return {
        "attachments": [a for a in attachments if a.document_id in shown],
        "library": page.get_parent(),
        "themes": page.themes.all(),
        "tags": page.tags.all(),
    }


@builds(CharterIndexPage)
def charter_index_page(page, request):
    return {"charters": selectors.current_charters(request)}


@builds(CharterPage)
def charter_page(page, request):
    today = timezone.localdate()
    current = selectors.current_charter(page.kind, today=today)
    return {
        "current_version": current,
        "is_current": current is not None and current.pk == page.pk,
        "is_future": page.effective_date > today,
        "other_versions": [
            v for v in page.versions() if v.pk != page.pk and visibility.is_page_visible(request, v)
        ],
    }
