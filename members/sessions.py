"""Safe sessions on shared computers (R-G10).

- A logged-in session ends after MembershipSettings.inactivity_minutes without a request, or
  after the shorter shared_computer_minutes when the person ticked "Je suis sur un ordinateur
  partagé" at login (members.forms.login), which also ends the session with the browser.
- Pages show a warning two minutes before the end (session_warning.html, session.js), with a
  button that extends the session.
- Logging out sends Clear-Site-Data, so that the browser forgets cache, cookies and storage.

The timeout is computed once, at login, and kept in the session with the time of the last
request; the last-activity time is rewritten at most once a minute, so an ordinary page view
costs no extra query. The inactivity period is therefore measured to the minute, and never
lasts longer than configured.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .models import MembershipSettings
from .permissions import account_required

LAST_ACTIVITY_KEY = "relais_last_activity"
TIMEOUT_KEY = "relais_timeout"
SHARED_COMPUTER_KEY = "relais_shared_computer"

# The last-activity time is rewritten when it is older than this (seconds).
WRITE_EVERY = 60

CLEAR_EVERYTHING = '"cache", "cookies", "storage"'
CLEAR_PAGES = '"cache", "storage"'


def _now():
    return int(timezone.now().timestamp())


def timeout_seconds(*, shared_computer, request=None):
    """How long a session may stay idle, from the network's settings."""
    settings = MembershipSettings.load(request)
    minutes = settings.shared_computer_minutes if shared_computer else settings.inactivity_minutes
    return max(int(minutes), 1) * 60


def start(request):
    """(Re)start the inactivity clock of this session, with the timeout that applies to it."""
    session = request.session
    session[TIMEOUT_KEY] = timeout_seconds(
        shared_computer=bool(session.get(SHARED_COMPUTER_KEY)), request=request
    )
    session[LAST_ACTIVITY_KEY] = _now()


def mark_shared_computer(request):
    """The person is on a shared computer: the session ends with the browser, and sooner."""
    request.session.set_expiry(0)
    request.session[SHARED_COMPUTER_KEY] = True
    start(request)


def touch(request):
    """Record activity now (the "Rester connecté" button)."""
    request.session[LAST_ACTIVITY_KEY] = _now()


@receiver(user_logged_in, dispatch_uid="members.sessions.start_at_login")
def _start_at_login(sender, request, user, **kwargs):
    """Every login starts the clock, so that no page view has to (no query per request)."""
    if request is not None and hasattr(request, "session"):
        start(request)


def _is_logout(request, response):
    return (
        request.method == "POST"
        and request.path in (reverse("account_logout"), reverse("wagtailadmin_logout"))
        and response.status_code in (301, 302, 303)
    )


class SessionTimeoutMiddleware:
    """Ends idle sessions, tells the pages how long is left, and clears the browser at logout.

    Sets `request.relais_session_timeout` and `request.relais_session_seconds_left` (seconds)
    for members/session_warning.html.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._expire_if_idle(request)
            if expired is not None:
                return expired
        response = self.get_response(request)
        if _is_logout(request, response):
            response["Clear-Site-Data"] = CLEAR_EVERYTHING
        return response

    def _expire_if_idle(self, request):
        session = request.session
        timeout = session.get(TIMEOUT_KEY)
        last = session.get(LAST_ACTIVITY_KEY)
        if timeout is None or last is None:
            # A session opened before this rule existed, or by a path that skipped login.
            start(request)
            timeout, idle = session[TIMEOUT_KEY], 0
        else:
            idle = max(_now() - last, 0)
            if idle >= timeout:
                return self._expire(request, timeout)
            if idle >= WRITE_EVERY:
                touch(request)
                idle = 0
        request.relais_session_timeout = timeout
        request.relais_session_seconds_left = timeout - idle
        return None

    def _expire(self, request, timeout):
        # After a form post, come back to the page rather than re-sending the form.
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else request.path
        logout(request)
        messages.info(
            request,
            _(
                "Votre session a expiré après %(minutes)s minutes sans activité, pour protéger "
                "vos données. Reconnectez-vous pour continuer."
            )
            % {"minutes": timeout // 60},
        )
        response = redirect_to_login(next_url)
        response["Clear-Site-Data"] = CLEAR_PAGES
        return response


@account_required
@require_POST
def extend_session(request):
    """The "Rester connecté" button. Who: any logged-in person; answers 204, no content."""
    touch(request)
    return HttpResponse(status=204)
