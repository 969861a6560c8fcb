"""What clears the visitors' pages and the audiences' blocks: every change of what a page shows.

The cache itself is portal/page_cache.py; this module names the changes that bump its content
generation (issue #16, item 2). A signal is the right road here (STYLE.md: cache invalidation):
an editor's change reaches the database through Wagtail's admin, not through our services.

- a page published, unpublished, moved, deleted, or saved in any way (a draft save is counted
  too: clearing too often is harmless, clearing too little is not);
- a view restriction added, changed or removed on a page or a collection, or its groups changed;
- a collection, a document or an image saved or deleted (not a rendition: those are made while
  pages render);
- a theme (snippet), a tag, the site's links (setting) or a Wagtail site saved or deleted.

A new charter version is a page published (home.models.CharterPage); one that comes into force
at midnight is handled by the date in the key (portal/page_cache.py).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.page_cache import bump_content_generation

from .models import SiteLinks, Theme

DISPATCH_PREFIX = "relais-content-generation"


def _bump(**kwargs):
    bump_content_generation()


def _bump_for_pages(sender, instance, **kwargs):
    # A page of any type: Django sends post_save with the page's own model as sender, not Page.
    if isinstance(instance, Page):
        bump_content_generation()


def connect():
    """Called once by HomeConfig.ready()."""
    page_published.connect(_bump, dispatch_uid=f"{DISPATCH_PREFIX}-published")
    page_unpublished.connect(_bump, dispatch_uid=f"{DISPATCH_PREFIX}-unpublished")
    post_page_move.connect(_bump, dispatch_uid=f"{DISPATCH_PREFIX}-moved")
    post_save.connect(_bump_for_pages, dispatch_uid=f"{DISPATCH_PREFIX}-page-saved")
    # Deleting a page deletes its row in Page too: post_delete comes with Page as sender.
    models = (
        Page,
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        get_document_model(),
        get_image_model(),
        Theme,
        Tag,
        SiteLinks,
        Site,
    )
    for model in models:
        label = model._meta.label_lower
        post_save.connect(_bump, sender=model, dispatch_uid=f"{DISPATCH_PREFIX}-save-{label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"{DISPATCH_PREFIX}-delete-{label}")
    for model in (PageViewRestriction, CollectionViewRestriction):
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _bump,
                sender=field.remote_field.through,
                dispatch_uid=f"{DISPATCH_PREFIX}-m2m-{model._meta.label_lower}-{field.name}",
            )
