"""Where a CMS page gets what it lists for a visitor, without its model importing the reads.

A page's `get_context` plays the part of a thin view: it asks selectors for whatever the page
lists. The selectors import the page models, so a model that imported them would close an
import circle. The direction therefore goes one way only: each app's `page_context` module
imports its models and selectors and registers one builder per page type with
`@builds(PageType)`; a model only declares, with the `BuiltContext` mixin, that its context
comes from the builder registered for it. Each app's `ready()` imports its `page_context`
module, so every builder is registered before a page is served; a page type without one fails
loudly instead of rendering an empty list.

This module imports no model and no selector, so every models module may import it.
"""

from django.core.exceptions import ImproperlyConfigured

_builders = {}


def builds(page_class):
    """Register the decorated function as the builder of `page_class`'s context.

    The function takes the page and the request and returns the entries it adds to Wagtail's
    context.
    """

    def register(build):
        if page_class in _builders:
            raise ImproperlyConfigured(f"{page_class.__name__} already has a context builder.")
        _builders[page_class] = build
        return build

    return register


def builder_for(page_class):
    """The builder registered for a page type (or an ancestor of it), else None."""
    for cls in page_class.__mro__:
        if cls in _builders:
            return _builders[cls]
    return None


class BuiltContext:
    """Page models whose context is built by their app's `page_context` module."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        build = builder_for(type(self))
        if build is None:
            raise ImproperlyConfigured(
                f"No context builder is registered for {type(self).__name__}: "
                "its app's page_context module must register one with @builds."
            )
        context.update(build(self, request))
        return context
