"""The forum search page: haystack's results under a name the portal's frame does not use.

haystack calls the page of results `page`, which the portal's base template reads as the
current CMS page; here it is `results` (and the query is `forum_query`). Which posts may be
found is machina's search form's business: only the forums the searcher may read
(forum/search.py keeps only approved posts in the index).
"""

from machina.apps.forum_search import views as machina_views


class FacetedSearchView(machina_views.FacetedSearchView):
    def get_context(self):
        context = super().get_context()
        context["results"] = context.pop("page")
        context["forum_query"] = context.pop(
            "query"
        )  # base.html fills the site search with `query`
        return context
