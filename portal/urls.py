from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.feeds import LatestFeed
from home.sitemaps import PublicSitemap
from members.views.login import to_account_login

urlpatterns = [
    # One login road (members/views/login.py): Wagtail's admin and front-end login forms would
    # log in with the password alone; their addresses lead to allauth's login instead.
    path("admin/login/", to_account_login, name="admin_login_road"),
    path("_util/login/", to_account_login, name="frontend_login_road"),
    # Wagtail's admin: editors, and coordinators for the data they look after.
    path("admin/", include(wagtailadmin_urls)),
    # Accounts (django-allauth): anyone may reach the login and sign-up pages.
    path("compte/", include("allauth.urls")),
    # Documents: Wagtail's serve view, with the collection and page checks of home.visibility.
    path("documents/", include(wagtaildocs_urls)),
    # Uploaded files: never straight from disk, always through the visitor check.
    re_path(r"^media/(?P<path>.+)$", home_views.serve_protected_media, name="protected_media"),
    path("membres/", include("members.urls")),
    path("forum/", include("forum.urls")),
    path("demandes/", include("helprequests.urls")),
    path("inscriptions/", include("events.urls")),
    path("entretiens/", include("appointments.urls")),
    path("sondages-resultats/", include("surveys.urls")),
    path("factures/", include("invoicing.urls")),
    path("indicateurs/", include("indicators.urls")),
    path("agrement/", include("accreditation.urls")),
    path("recherche/", home_views.search, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
    path("flux/", LatestFeed(), name="feed"),
    path("langue/", set_language, name="set_language"),
    # CMS pages last: Wagtail's own view restrictions apply to them.
    path("", include(wagtail_urls)),
]
