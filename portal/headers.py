"""Security headers that Django does not set itself: Content-Security-Policy and Permissions-Policy.

The site's policy is CONTENT_SECURITY_POLICY (settings): scripts and styles from our own static
files only. Wagtail's admin gets ADMIN_CONTENT_SECURITY_POLICY, still without 'unsafe-inline' for
scripts: Wagtail 8 writes a few inline initialisers of its own (date pickers, choosers, inline
panels), and this module gives the request's nonce to those, and to nothing else. See
docs/architecture.md, "Content-Security-Policy and Permissions-Policy".
"""

import json
import re

from csp.middleware import CSPMiddleware
from django.conf import settings

# Features no page of Relais uses: denied to the site and to anything it might embed.
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)

ADMIN_PREFIX = "/admin/"

# The inline scripts Wagtail 8's admin writes itself (widgets/chooser.py, widgets/date_input.html
# and its siblings, panels/inline_panel.html, panels/multiple_chooser_panel.html): one call of a
# known initialiser whose arguments are literal JSON. Nothing else in an admin page is trusted.
WAGTAIL_INITIALISERS = frozenset(
    {
        "initDateChooser",
        "initTimeChooser",
        "initDateTimeChooser",
        "Chooser",
        "PageChooser",
        "DocumentChooser",
        "ImageChooser",
        "SnippetChooser",
    }
)
WAGTAIL_PANELS = frozenset({"InlinePanel", "MultipleChooserPanel"})
BARE_INLINE_SCRIPT = re.compile(r"<script>(?P<body>[^<]*)</script>")
INITIALISER_CALL = re.compile(r"\s*(?:new\s+)?(?P<name>\w+)\((?P<arguments>.*)\);\s*", re.DOTALL)
PANEL_CALL = re.compile(
    r"\s*\(function\(\)\s*\{\s*var panel = new (?P<name>\w+)"
    r"\(JSON\.parse\((?P<options>\"[^\"]*\")\)\);\s*\}\)\(\);\s*"
)


def _json(text):
    """Parse strict JSON (no NaN or Infinity, which would be JavaScript names, not data)."""

    def refuse(constant):
        raise ValueError(constant)

    return json.loads(text, parse_constant=refuse)


def is_wagtail_initialiser(body):
    """True for exactly the shapes Wagtail writes: a known initialiser called with data only."""
    try:
        if call := INITIALISER_CALL.fullmatch(body):
            _json(f"[{call['arguments']}]")
            return call["name"] in WAGTAIL_INITIALISERS
        if panel := PANEL_CALL.fullmatch(body):
            return panel["name"] in WAGTAIL_PANELS and isinstance(
                _json(_json(panel["options"])), dict
            )
    except ValueError:
        return False
    return False


def give_nonce_to_wagtail_initialisers(html, nonce):
    def replace(match):
        if is_wagtail_initialiser(match["body"]):
            return f'<script nonce="{nonce}">{match["body"]}</script>'
        return match[0]

    return BARE_INLINE_SCRIPT.sub(replace, html)


def is_admin_path(path):
    return path.startswith(ADMIN_PREFIX)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy per part of the site: the admin's for /admin/."""

    def process_response(self, request, response):
        if (
            is_admin_path(request.path_info)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            html = response.content.decode(response.charset)
            response.content = give_nonce_to_wagtail_initialisers(html, request.csp_nonce)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
