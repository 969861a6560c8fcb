"""Accounts: who logs in and how (imported by base.py, like network_rules.py).

The e-mail address is the login (members.User), allauth runs sign-up, login, e-mail confirmation
and the second factor, and its rate limits are counted in the default cache (portal/settings/
base.py: Redis when REDIS_URL is set, so every application server counts the same failures).
The operator's part, the client's address behind the reverse proxy, is read from the
environment (docs/operator-guide.md); production.py sets the header nginx passes by default.
"""

import environ

_env = environ.Env()

# Accounts: the e-mail address is the login (members.User).
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    # Object permissions granted and revoked by help-request transitions (R-C9).
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: visitors hold no object permission at all
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
# Rate limits (allauth), counted in the default cache: shared by every process when REDIS_URL
# is set. "ip" is the visitor's address as the reverse proxy passes it (ALLAUTH_TRUSTED_* below),
# "key" the account (the address typed), so that one attacker cannot lock everyone out and one
# account cannot be tried from many addresses. A wrong second-factor code counts as a failed login.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/5m/ip,5/5m/key",
    "signup": "10/10m/ip",
    "reset_password": "10/10m/ip,3/10m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reauthenticate": "10/m/user",
}
# The client's address behind the reverse proxy (docs/operator-guide.md): either a header that
# the proxy sets itself (X-Real-IP), or the number of proxies of ours that append to
# X-Forwarded-For. With neither, every visitor counts as the proxy's own address.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = _env("TRUSTED_CLIENT_IP_HEADER", default="") or None
ALLAUTH_TRUSTED_PROXY_COUNT = _env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Relais] "
ACCOUNT_FORMS = {
    "login": "members.forms.login.LoginForm",
    "signup": "members.forms.signup.SignupForm",
}
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Relais"
