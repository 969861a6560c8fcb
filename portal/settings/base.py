"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the environment
(django-environ), so that one code base runs everywhere; see docs/operator-guide.md.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _
from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR

from .object_storage import object_storage_options, object_storage_origin

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Relais apps first, so that their templates override those of the libraries.
    "portal",
    "home",
    "members",
    # machina's "forum" app, overridden (forum/machina_apps/): listed before our own "forum"
    # package, because machina's class loader picks the first app whose name ends in "forum".
    "forum.machina_apps.forum",
    "forum",
    "forum.moderation",
    "helprequests",
    "events",
    "appointments",
    "surveys",
    "invoicing",
    "indicators",
    "accreditation",
    # Forum engine (django-machina) and what it needs; our overrides live in forum/.
    "mptt",
    "haystack",
    "widget_tweaks",
    "machina",
    "forum.machina_apps.forum_conversation",
    "machina.apps.forum_conversation.forum_attachments",
    "machina.apps.forum_conversation.forum_polls",
    "forum.machina_apps.forum_moderation",
    "forum.machina_apps.forum_search",
    "forum.machina_apps.forum_tracking",
    "forum.machina_apps.forum_member",
    "forum.machina_apps.forum_permission",
    # Per-object permissions (help requests) and background work (e-mails, reminders).
    "guardian",
    "django_tasks",
    "django_tasks_db",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.headers.PermissionsPolicyMiddleware",
    "portal.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.RefuseNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.FrenchFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Visitors' pages from the cache (portal/page_cache.py): inside CSRF, session and language,
    # before anything that looks at the user.
    "portal.page_cache.VisitorPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication, before anything that answers for the user: nothing private is cached.
    "portal.caching.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "forum.middleware.ForumPermissionMiddleware",
    "members.middleware.SessionTimeoutMiddleware",
    "members.middleware.CharterGateMiddleware",
    "members.middleware.SecondFactorMiddleware",
    "forum.moderation.middleware.ForumPostingMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # machina's templates last, after the forum's own overrides (directories are searched
        # before applications, so the overrides are listed here too).
        "DIRS": [
            PROJECT_DIR / "templates",
            BASE_DIR / "forum" / "templates",
            BASE_DIR / "forum" / "moderation" / "templates",
            MACHINA_MAIN_TEMPLATE_DIR,
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "members.context_processors.user_roles",
                "machina.core.context_processors.metadata",
            ],
            # Relais' `date` filter (1er septembre, the locale's formats) replaces Django's in
            # every template, libraries' included (portal/dates.py).
            "builtins": ["portal.templatetags.dates"],
        },
    },
]

# Database: SQLite when nothing is configured, PostgreSQL in CI and production.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web server and the worker write to the same file: take the write lock when a
    # transaction starts (the task queue needs exclusive transactions) and wait for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "EXCLUSIVE", "timeout": 20}
    )
# Our apps declare BigAutoField in their AppConfig; the project default stays Django's historical
# AutoField, which the migrations shipped by django-machina were written for.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Cache: Redis when REDIS_URL is set, local memory otherwise.
if env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "relais",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long a visitor's page and an audience's blocks stay in the cache (portal/page_cache.py).
# Every change of content clears them at once through the shared cache; a process's own memory
# is not shared, so without Redis another process could show the old page this long: keep it
# short there (docs/operator-guide.md: use Redis with several processes). 0 turns it off.
VISITOR_PAGE_CACHE_SECONDS = env.int(
    "VISITOR_PAGE_CACHE_SECONDS", default=600 if env("REDIS_URL", default="") else 60
)
# machina keeps the files of a post being previewed in this cache until it is saved: in Redis
# when there is one, since the preview and the saving may reach two application servers.
if env("REDIS_URL", default=""):
    CACHES["machina_attachments"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": "relais-attachments",
    }
else:
    CACHES["machina_attachments"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env("MACHINA_ATTACHMENTS_CACHE", default=str(BASE_DIR / "var" / "attachments")),
    }

# Accounts, passwords, allauth's rate limits and second factor: portal/settings/accounts.py.
from .accounts import *  # noqa: E402, F403

# Internationalisation: French first, English second.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
# Dates in each language's own formats: day before month, 24-hour clock (portal/formats/).
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files, served by the application itself (WhiteNoise): no CDN, works offline.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [PROJECT_DIR / "static", MACHINA_MAIN_STATIC_DIR]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# Uploaded files are never served straight from disk: /media/ goes through
# home.views.serve_protected_media, which checks the visitor (R-C11).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Helpers' issued invoices (invoicing/): PDFs kept outside MEDIA_ROOT, served only through the
# permission-checked views of invoicing. Back this directory up with the database.
INVOICES_ROOT = Path(env("INVOICES_ROOT", default=str(BASE_DIR / "var" / "invoices")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "invoices": {"BACKEND": "invoicing.storage.PrivateInvoiceStorage"},  # in INVOICES_ROOT
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# With STORAGE_URL (or AWS_STORAGE_BUCKET_NAME) set, uploads and issued invoices go to a private
# S3-compatible bucket instead (portal/settings/object_storage.py, docs/operator-guide.md).
OBJECT_STORAGE = object_storage_options(env)
if OBJECT_STORAGE:
    STORAGES["default"] = {
        "BACKEND": "portal.storage.PrivateObjectStorage",
        "OPTIONS": OBJECT_STORAGE,
    }
    STORAGES["invoices"] = {
        "BACKEND": "portal.storage.PrivateInvoiceObjectStorage",
        "OPTIONS": {
            **OBJECT_STORAGE,
            "location": "/".join(filter(None, [OBJECT_STORAGE["location"], "invoices"])),
        },
    }
# How /media/ hands out a file from object storage once the visitor is allowed: "redirect" to a
# signed URL that expires (the file does not pass through the application), or "stream" it.
MEDIA_SERVE_METHOD = env("MEDIA_SERVE_METHOD", default="redirect")

# E-mail
globals().update(env.email("EMAIL_URL", default="smtp://127.0.0.1:1025"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Relais <ne-pas-repondre@relais.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Sessions and cookies
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp; portal/headers.py). Scripts and styles come from our own
# static files only; an inline script needs the request's nonce (request.csp_nonce).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # data: for the QR code of the second-factor set-up
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if OBJECT_STORAGE and MEDIA_SERVE_METHOD == "redirect":
    # Images reached through /media/ are redirected to the bucket: let the browser load them.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(object_storage_origin(OBJECT_STORAGE))
# Wagtail's admin (/admin/): the same for scripts (its own inline initialisers get the nonce,
# portal/headers.py), but its rich-text editor (Draftail) inserts <style> elements without a nonce,
# and the editor's preview panel frames admin pages.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "style-src": [SELF, "'unsafe-inline'"],
        "frame-ancestors": [SELF],
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Relais"
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# One login road (members/views/login.py): Wagtail's own login redirects lead to allauth's.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILADMIN_LOGIN_URL = "admin_login_road"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL full-text search with French stemming ("épuisement" finds "épuiser").
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "french"
# No third-party avatar service: it would receive a hash of each staff member's e-mail.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin ask an outside server for Wagtail's latest version (the CSP would block it).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Members-only means "in the Membres group": no shared passwords for pages or collections.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
TAGGIT_CASE_INSENSITIVE = True

# Forum (django-machina): see docs/architecture.md and docs/moderator-guide.md.
MACHINA_FORUM_NAME = "Relais"
MACHINA_BASE_TEMPLATE_NAME = "forum/machina_base.html"
MACHINA_MARKUP_LANGUAGE = ("forum.moderation.markup.render", {})  # markdown + allow-list
MACHINA_PROFILE_AVATARS_ENABLED = False
MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS = []
MACHINA_TOPIC_ANSWER_SUBJECT_PREFIX = "Re :"
MACHINA_FORUM_TOPICS_NUMBER_PER_PAGE = 20
MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE = 15
# The names machina shows come from forum/machina_apps/forum_member/shortcuts.py (the member's
# chosen forum name), which replaces the lookup that MACHINA_USER_DISPLAY_NAME_METHOD drives:
# the user model's get_username() would be the e-mail address.
# machina's feeds (forum_feeds) are not installed: a feed would show forum content outside the
# members' session. Seven machina apps are overridden by forum/machina_apps/ (INSTALLED_APPS);
# their models stay machina's, and so do their migrations (forum_search and forum_moderation
# have none).
MIGRATION_MODULES = {
    "forum": "machina.apps.forum.migrations",
    "forum_conversation": "machina.apps.forum_conversation.migrations",
    "forum_member": "machina.apps.forum_member.migrations",
    "forum_tracking": "machina.apps.forum_tracking.migrations",
    "forum_permission": "machina.apps.forum_permission.migrations",
}

# Forum search (django-haystack) with a Whoosh index kept on disk and updated by the worker.
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": env("FORUM_SEARCH_INDEX", default=str(BASE_DIR / "var" / "forum_index")),
    }
}
# Index changes are queued as tasks (forum/search.py): the worker is the index's only writer.
HAYSTACK_SIGNAL_PROCESSOR = "forum.search.QueuedSignalProcessor"

# Background work (django-tasks): Wagtail's own tasks run at once ("default"); Relais's
# e-mails and reminders go through the database queue that `manage.py run_worker` serves.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "relais": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "mail"],
    },
}

# The network's rules for sessions and surveys: portal/settings/network_rules.py.
from .network_rules import *  # noqa: E402, F403

# Logging: ids only, never personal details (see docs/architecture.md).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint (invoice PDFs) reports each rendering step and font subset at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
