"""Page types, snippets and site settings of the CMS."""

from .charters import CharterIndexPage, CharterKind, CharterPage
from .news import NewsIndexPage, NewsPage
from .pages import HomePage, StandardPage
from .resources import (
    ResourceAttachment,
    ResourceIndexPage,
    ResourceKind,
    ResourcePage,
    ResourceTag,
)
from .settings import SiteLinks
from .themes import Theme

__all__ = [
    "CharterIndexPage",
    "CharterKind",
    "CharterPage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "ResourceAttachment",
    "ResourceIndexPage",
    "ResourceKind",
    "ResourcePage",
    "ResourceTag",
    "SiteLinks",
    "StandardPage",
    "Theme",
]
