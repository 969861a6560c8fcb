"""Visitors' pages from a cache (issue #16, item 2): the one place that decides what is kept.

A visitor's page (public CMS pages, the library, the charters, the feed) is the same for every
visitor, so its whole response is kept in Django's default cache (Redis when REDIS_URL is set,
the process's memory otherwise) and served from there until the content changes.

What is kept: the 200 response to a GET of a view named in CACHED_URL_NAMES, for a request that
carries no cookie but the CSRF and language cookies (so no session: nobody logged in, nobody
half-way through logging in, no pending message) and no Authorization header; and only when the
response sets no cookie, did not write to a session, is not streamed, says nothing against
caches (private, no-store) and does not use the request's CSP nonce. Everything else goes through
as before; portal/caching.py still marks every private response `private, no-store`.

Keyed on: the content generation (below), today's date (a charter comes into force at midnight),
the active language (each language is kept apart), the host and the full path with its query.

What clears it: `bump_content_generation()`, which home/cache_invalidation.py calls on every
change of what a page shows (publishing, unpublishing, moving or deleting a page, a view
restriction on a page or a collection, a document, an image, a theme, the site's links, a
site). The generation is a random token in the shared cache: a new one makes every kept page
unreachable at once, in every process that shares the cache; an evicted token is replaced by
a new random one, so an old page is never served again. Entries left behind expire on their own
(VISITOR_PAGE_CACHE_SECONDS).

The CSRF token: the language switcher on every page is a POST form, so each page carries the
visitor's CSRF token. The kept copy has a placeholder instead, and each visitor gets their own
token when the page is served (Django's CSRF middleware then sets their cookie if they had none):
no two visitors share a token. See docs/architecture.md, "What is cached, keyed on what, what
clears it".
"""

import hashlib
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "relais:content-generation"
KEY_PREFIX = "relais:visitor-page"
BLOCK_PREFIX = "relais:audience-block"
# Views whose answer to a visitor is the same for every visitor: Wagtail's pages (the home page,
# the library, the charters, the news…) and the feed.
CACHED_URL_NAMES = frozenset({"wagtail_serve", "feed"})
CSRF_PLACEHOLDER = b"relais-csrf-token-placeholder"
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
# Headers set again on every answer by the middleware around this one (security, CSP, session,
# CSRF, language): the kept copy holds only what the view and the middleware inside set.
UNKEPT_HEADERS = frozenset({"set-cookie"})


def content_generation():
    """The current content generation: a random token, made anew when none is in the cache."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def generation_for(request):
    """The content generation, asked of the cache once per request."""
    generation = getattr(request, "_relais_content_generation", None)
    if generation is None:
        generation = content_generation()
        request._relais_content_generation = generation
    return generation


def _new_generation():
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def bump_content_generation():
    """Forget every kept visitor's page and audience block, now and once the transaction commits.

    Now, so that the same transaction (and a test) sees the change at once; again after the
    commit, because a request that read the old content before the commit could otherwise keep
    it under the new generation.
    """
    _new_generation()
    transaction.on_commit(_new_generation, robust=True)


def cache_seconds():
    return settings.VISITOR_PAGE_CACHE_SECONDS


def is_visitor_request(request):
    """A request nobody could have personalised: no cookie but CSRF and language, no credentials."""
    allowed = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return (
        request.method == "GET"
        and not request.META.get("HTTP_AUTHORIZATION")
        and all(name in allowed for name in request.COOKIES)
    )


def page_key(request, generation):
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    today = timezone.localdate().isoformat()
    return f"{KEY_PREFIX}:{generation}:{today}:{language}:{request.get_host()}:{address}"


def audience_block(request, name, audience, build):
    """A block of every page that depends only on the audience (issue #16, item 3): the menu,
    the footer, the help link. `audience` says whom the block was built for (home.visibility.
    audience_of); `build()` makes it when the cache has none for this generation, day, language,
    host and audience. Cleared with the visitors' pages."""
    seconds = cache_seconds()
    if not seconds:
        return build()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    today = timezone.localdate().isoformat()
    key = (
        f"{BLOCK_PREFIX}:{generation_for(request)}:{today}:{language}:{request.get_host()}:"
        f"{audience}:{name}"
    )
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value


def may_keep(request, response):
    match = getattr(request, "resolver_match", None)
    session = getattr(request, "session", None)
    cache_control = response.get("Cache-Control", "")
    return (
        match is not None
        and match.url_name in CACHED_URL_NAMES
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and (session.modified or session.session_key))
        and "private" not in cache_control
        and "no-store" not in cache_control
        and getattr(request, "_csp_nonce", None) is None
    )


def kept_copy(response):
    content = response.content
    for token in set(CSRF_INPUT.findall(content)):
        content = content.replace(token, CSRF_PLACEHOLDER)
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in UNKEPT_HEADERS and name.lower() != "content-length"
    ]
    return (response.status_code, headers, content)


def served_copy(request, kept):
    status, headers, content = kept
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["Content-Length"] = str(len(content))
    # As the page built for a visitor says (the session middleware adds it there): a cache in
    # front must never give this copy to someone whose cookies differ.
    patch_vary_headers(response, ("Cookie",))
    return response


class VisitorPageCacheMiddleware:
    """Serves visitors' pages from the cache, and keeps those that may be kept (module docstring).

    Sits inside the CSRF, session and language middleware (so each visitor still gets their own
    CSRF cookie and the language is known) and outside authentication (a visitor's page needs
    no user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if not seconds or not is_visitor_request(request):
            return self.get_response(request)
        key = page_key(request, generation_for(request))
        kept = cache.get(key)
        if kept is not None:
            return served_copy(request, kept)
        response = self.get_response(request)
        if may_keep(request, response):
            cache.set(key, kept_copy(response), seconds)
        return response
