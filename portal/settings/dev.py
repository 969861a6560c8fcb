"""Settings for a developer's machine: `make run`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
WHITENOISE_USE_FINDERS = True
# Links in e-mails lead to this machine's server: SITE_URL when set (the Makefile sets it from
# HOST and PORT), else the host and port runserver was told through HOST and PORT.
WAGTAILADMIN_BASE_URL = env(
    "SITE_URL",
    default=f"http://{env('HOST', default='127.0.0.1')}:{env('PORT', default='8000')}",
)
WHITENOISE_AUTOREFRESH = True
