"""THE decision of what a visitor may see of the CMS content (R-C11).

A page is members-only when it, or one of its ancestors, carries a Wagtail view restriction
that the visitor does not pass. A document or image is members-only when its collection is
restricted, or when a page the visitor may not see uses it: whatever a members-only page holds
stays members-only. Every road that shows CMS content (pages, menus, listings, "latest" blocks,
search, sitemap, feed, documents, images, media files) asks this module and no other.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

_CACHE_ATTR = "_relais_failed_restrictions"


def _all_page_restrictions():
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def failed_restrictions(request):
    """The page view restrictions this request does not pass (computed once per request)."""
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is None:
        cached = [r for r in _all_page_restrictions() if not r.accept_request(request)]
        setattr(request, _CACHE_ATTR, cached)
    return cached


def restricted_paths(request=None):
    """Tree paths of every restricted page, for labelling members-only items."""
    cached = getattr(request, "_relais_restricted_paths", None)
    if cached is None:
        cached = [r.page.path for r in _all_page_restrictions()]
        if request is not None:
            request._relais_restricted_paths = cached
    return cached


def _path_is_hidden(path, hidden_paths):
    return any(path.startswith(hidden) for hidden in hidden_paths)


def is_page_visible(request, page):
    return not _path_is_hidden(page.path, [r.page.path for r in failed_restrictions(request)])


def visible_pages(request, queryset=None):
    """Narrow a page queryset to what the request may see (live pages only)."""
    if queryset is None:
        queryset = Page.objects.all()
    queryset = queryset.live()
    for restriction in failed_restrictions(request):
        queryset = queryset.exclude(path__startswith=restriction.page.path)
    return queryset


def public_pages(queryset=None):
    """Pages anyone may see, whoever asks: for roads that cannot know the visitor (feeds)."""
    if queryset is None:
        queryset = Page.objects.all()
    return queryset.live().public()


def is_members_only(page, request=None):
    """True when the page sits under any view restriction (to label it for those who may see it)."""
    return _path_is_hidden(page.path, restricted_paths(request))


def _paths_of_pages_using(obj):
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(
        Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).values_list("path", flat=True)
    )


def is_media_visible(request, obj):
    """May this request see a document or image (or the image behind a rendition)?"""
    for restriction in obj.collection.get_view_restrictions():
        if not restriction.accept_request(request):
            return False
    hidden = [r.page.path for r in failed_restrictions(request)]
    if not hidden:
        return True
    return not any(_path_is_hidden(path, hidden) for path in _paths_of_pages_using(obj))
