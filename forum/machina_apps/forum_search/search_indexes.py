"""machina's post index, unchanged: haystack finds it here, in the app that replaces machina's."""

from machina.apps.forum_search.search_indexes import PostIndex  # noqa: F401
