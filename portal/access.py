"""Who may use each view: declared on the view itself, checked by a test that walks every URL.

Deny by default (STYLE.md): a view of ours that declares nothing fails
portal/tests/test_access.py. Views that come from libraries are declared in LIBRARY_ROUTES,
with the rule that protects them.
"""

from django.utils.translation import gettext_lazy as _

ANYONE = "anyone"
SECRET_LINK = "secret_link"  # noqa: S105  (an audience, not a secret)
MEMBERS = "members"
STAFF = "staff"

AUDIENCES = {
    ANYONE: _("Tout le monde"),
    # No login (a calendar application cannot log in): the unguessable token in the address is
    # the key, and the view answers 404 to any other (appointments' private calendar feed).
    SECRET_LINK: _("Quiconque détient le lien secret"),
    MEMBERS: _("Membres connectés"),
    STAFF: _("Équipe du réseau, selon ses droits"),
}


def audience(who, rule=""):
    """Declare who may use a view, and by which rule what it shows is narrowed."""
    if who not in AUDIENCES:
        raise ValueError(f"Unknown audience {who!r}")

    def decorate(view):
        view.relais_audience = who
        view.relais_rule = rule
        return view

    return decorate


# URL prefixes served by libraries, and what guards them.
LIBRARY_ROUTES = {
    "admin/": "Wagtail admin: wagtailadmin.access_admin, then each model's permissions",
    "compte/": "django-allauth: login, sign-up and account pages; account pages need login",
    "documents/": "Wagtail serve view: collection restrictions, then home.wagtail_hooks",
    "sitemap.xml": "Wagtail sitemap view over home.sitemaps: home.visibility.public_pages",
    "langue/": "Django set_language: stores the chosen language, shows nothing",
    "": "Wagtail page serving: each page's view restrictions (home.visibility)",
}
