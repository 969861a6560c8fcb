from wagtail.contrib.sitemaps import Sitemap

from . import visibility


class PublicSitemap(Sitemap):
    """The sitemap lists what anyone may see (home.visibility.public_pages), never more."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = visibility.public_pages(root.get_descendants(inclusive=True))
        return pages.order_by("path").defer_streamfields().specific()
