"""RSS feed of news and resources. Feed readers are anonymous: only public pages appear."""

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext_lazy as _

from portal.access import ANYONE

from . import visibility
from .models import NewsPage, ResourcePage


class LatestFeed(Feed):
    title = _("Relais : actualités et ressources")
    description = _("Les dernières actualités et ressources publiques du réseau.")
    link = "/"
    relais_audience = ANYONE
    relais_rule = "home.visibility.public_pages"

    def items(self):
        pages = visibility.public_pages().type(NewsPage, ResourcePage).specific()
        return list(pages.order_by("-first_published_at")[:20])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "intro", "") or getattr(item, "summary", "")

    def item_link(self, item):
        return item.full_url or item.url

    def item_pubdate(self, item):
        return item.first_published_at
