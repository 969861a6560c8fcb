"""THE decision of what a visitor may see of the CMS content (R-C11).

A page is members-only when it, or one of its ancestors, carries a Wagtail view restriction
that the visitor does not pass. A document or image is members-only when its collection is
restricted, or when a page the visitor may not see uses it: whatever a members-only page holds
stays members-only. Every road that shows CMS content (pages, menus, listings, "latest" blocks,
search, sitemap, feed, documents, images, media files) asks this module and no other.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, ReferenceIndex

from members import roles

_CACHE_ATTR = "_relais_failed_restrictions"


def _all_page_restrictions(request=None):
    """Every page view restriction, loaded once per request."""
    cached = getattr(request, "_relais_page_restrictions", None)
    if cached is None:
        cached = list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))
        if request is not None:
            request._relais_page_restrictions = cached
    return cached


def failed_restrictions(request):
    """The page view restrictions this request does not pass (computed once per request)."""
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is None:
        cached = [r for r in _all_page_restrictions(request) if not r.accept_request(request)]
        setattr(request, _CACHE_ATTR, cached)
    return cached


def restricted_paths(request=None):
    """Tree paths of every restricted page, for labelling members-only items."""
    return [r.page.path for r in _all_page_restrictions(request)]


def _path_is_hidden(path, hidden_paths):
    return any(path.startswith(hidden) for hidden in hidden_paths)


def audience_of(request):
    """Whom this decision depends on, as a short key: the same key, the same pages visible.

    A page view restriction asks whether the person is logged in (LOGIN), a superuser or in one
    of its groups (GROUPS); shared passwords are turned off (WAGTAIL_PRIVATE_PAGE_OPTIONS). So
    what a request may see depends on nothing else: blocks that show only what it may see can
    be kept per audience (portal.page_cache.audience_block): visitor, member, helper,
    coordinator, or any other mix of groups.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "visitor"
    if user.is_superuser:
        return "superuser"
    names = "\n".join(sorted(roles.group_names(user)))
    return "groups:" + hashlib.sha256(names.encode()).hexdigest()[:16]


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


def _failed_collection_paths(request):
    """Tree paths of the collections whose view restriction this request does not pass."""
    cached = getattr(request, "_relais_failed_collections", None)
    if cached is None:
        restrictions = CollectionViewRestriction.objects.select_related("collection")
        cached = [
            r.collection.path
            for r in restrictions.prefetch_related("groups")
            if not r.accept_request(request)
        ]
        request._relais_failed_collections = cached
    return cached


def _page_paths_using(objects):
    """For each object, the tree paths of the pages that use it (Wagtail's reference index)."""
    if not objects:
        return {}
    model = type(objects[0])
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model).pk,
        to_object_id__in=[str(obj.pk) for obj in objects],
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("to_object_id", "object_id")
    pairs = [(int(to_id), int(page_id)) for to_id, page_id in references]
    paths = dict(Page.objects.filter(pk__in={p for _t, p in pairs}).values_list("pk", "path"))
    used_by = {}
    for to_id, page_id in pairs:
        if page_id in paths:
            used_by.setdefault(to_id, []).append(paths[page_id])
    return used_by


def visible_media(request, objects):
    """The documents or images (all of one model) this request may see, in a fixed number of
    queries: not in a restricted collection it fails, not used by a page it may not see."""
    objects = list(objects)
    hidden_collections = _failed_collection_paths(request)
    objects = [o for o in objects if not _path_is_hidden(o.collection.path, hidden_collections)]
    hidden_pages = [r.page.path for r in failed_restrictions(request)]
    if not hidden_pages or not objects:
        return objects
    used_by = _page_paths_using(objects)
    return [
        o
        for o in objects
        if not any(_path_is_hidden(path, hidden_pages) for path in used_by.get(o.pk, []))
    ]


def is_media_visible(request, obj):
    """May this request see a document or image (or the image behind a rendition)?"""
    return bool(visible_media(request, [obj]))
