"""The forum: machina's pages under /forum/, members only, plus Relais's own forum pages.

machina's URL patterns come from its per-app factories (the classes its loader resolves, so
our overridden views are used), without its feeds: a feed would carry forum content outside a
member's session. Every view, machina's included, is wrapped by forum.access.members_only.
The moderation additions (forum/moderation/) bring their own URLs and access rules.
"""

from importlib.util import find_spec

from django.urls import include, path, re_path
from machina.core.loading import get_class

from . import views
from .access import members_only, members_only_patterns


def _machina(app_label):
    return get_class(f"{app_label}.urls", "urlpatterns_factory").urlpatterns


machina_patterns = [
    re_path(r"", include(_machina("forum"))),
    re_path(r"", include(_machina("forum_conversation"))),
    re_path(r"^member/", include(_machina("forum_member"))),
    re_path(r"^moderation/", include(_machina("forum_moderation"))),
    re_path(r"^search/", include(_machina("forum_search"))),
    re_path(r"^tracking/", include(_machina("forum_tracking"))),
]

relais_patterns = (
    [
        path("mon-nom/", members_only(views.my_forum_name), name="my_name"),
        path("mes-abonnements/", members_only(views.my_subscriptions), name="my_subscriptions"),
        path("forums/<int:pk>/suivre/", members_only(views.follow_forum), name="follow_forum"),
        path(
            "forums/<int:pk>/ne-plus-suivre/",
            members_only(views.unfollow_forum),
            name="unfollow_forum",
        ),
        path("message/<int:pk>/", members_only(views.go_to_post), name="go_to_post"),
    ],
    "relais_forum",
)

urlpatterns = [
    path("", include(relais_patterns)),
    *members_only_patterns(machina_patterns),
]

if find_spec("forum.moderation.urls") is not None:
    urlpatterns.insert(0, path("", include("forum.moderation.urls")))
