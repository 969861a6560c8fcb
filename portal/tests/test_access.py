"""Deny by default: every route states who may use it (STYLE.md, portal/access.py)."""

from django.urls import URLPattern, URLResolver, get_resolver

from portal.access import AUDIENCES, LIBRARY_ROUTES

OUR_APPS = (
    "portal.",
    "home.",
    "members.",
    "forum.",
    "helprequests.",
    "events.",
    "appointments.",
    "surveys.",
    "invoicing.",
    "indicators.",
    "accreditation.",
)


def walk_patterns(patterns, prefix=""):
    """(route, URL pattern) for every view the resolver knows (other walks reuse it)."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from walk_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def _walk(patterns, prefix=""):
    for route, pattern in walk_patterns(patterns, prefix):
        yield route, pattern.callback


def _top_level_library_prefixes():
    prefixes = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            urlconf = pattern.urlconf_name
            name = urlconf if isinstance(urlconf, str) else getattr(urlconf, "__name__", "")
            if not name.startswith(OUR_APPS):
                prefixes.add(str(pattern.pattern))
        else:
            module = getattr(pattern.callback, "__module__", "")
            if not module.startswith(OUR_APPS):
                prefixes.add(str(pattern.pattern))
    return prefixes


def _view_object(callback):
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback


def test_every_view_of_ours_declares_its_audience():
    undeclared = []
    for route, callback in _walk(get_resolver().url_patterns):
        view = _view_object(callback)
        module = getattr(view, "__module__", "") or ""
        if not module.startswith(OUR_APPS):
            continue
        declared = getattr(callback, "relais_audience", None) or getattr(
            view, "relais_audience", None
        )
        if declared not in AUDIENCES:
            undeclared.append(f"{route} -> {module}.{getattr(view, '__name__', view)}")
    assert undeclared == []


def test_every_library_route_is_listed_with_what_guards_it():
    unlisted = sorted(p for p in _top_level_library_prefixes() if p not in LIBRARY_ROUTES)
    assert unlisted == []


def test_the_walk_sees_our_own_views():
    modules = {
        getattr(_view_object(callback), "__module__", "")
        for _route, callback in _walk(get_resolver().url_patterns)
    }
    assert "home.views" in modules


def test_every_forum_route_declares_its_audience():
    """machina's views live in machina's modules: forum/urls.py wraps each of them
    (forum.access.members_only), and this walk proves that no route under /forum/ escaped."""
    forum_routes = [
        (route, callback)
        for route, callback in _walk(get_resolver().url_patterns)
        if route.startswith("forum/")
    ]
    undeclared = [
        route
        for route, callback in forum_routes
        if getattr(callback, "relais_audience", None) not in AUDIENCES
    ]
    assert undeclared == []
    machina_views = [
        route
        for route, callback in forum_routes
        if getattr(_view_object(callback), "__module__", "").startswith(("machina.", "forum."))
    ]
    assert len(machina_views) > 20
