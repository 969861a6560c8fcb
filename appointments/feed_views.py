"""The private calendar feed of a person's sessions (R-K9): its box on "Mes entretiens" and the
feed itself.

Kept beside views.py so that the feed's two views read in one sitting. The feed answers without
a login, since calendar applications cannot log in: the token in its address is its key
(portal.access.SECRET_LINK). An unknown, reset or empty token, or an account no longer active,
gets the same 404. The token is never logged (django.request logs errors only, and nothing here
logs the address).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from members.permissions import member_required
from portal.access import SECRET_LINK, audience
from portal.caching import keep_out_of_caches
from portal.notifications import absolute_url
from portal.refusals import refusal_text

from . import selectors, services
from .calendar_files import private_feed
from .errors import AppointmentError

BOX = "agenda"


def feed_links(feed):
    """The addresses shown in the box: the feed's https address and its webcal:// twin, which
    opens the calendar application on a phone or a desktop. None when the feed is off."""
    if feed is None:
        return None
    url = absolute_url(reverse("appointments:feed", args=[feed.token]))
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[-1], "feed": feed}


def _close(*, user):
    services.close_feed(user=user)


ACTIONS = {
    "open": (
        services.open_feed,
        gettext_lazy("Votre agenda d’entretiens est prêt : copiez son adresse."),
    ),
    "reset": (
        services.reset_feed,
        gettext_lazy(
            "Nouvelle adresse créée : l’ancienne ne fonctionne plus. Mettez votre agenda à jour."
        ),
    ),
    "close": (
        _close,
        gettext_lazy("Votre agenda d’entretiens est désactivé : son adresse ne fonctionne plus."),
    ),
}


@member_required
@require_POST
def calendar_feed(request):
    """Turn the person's feed on, give it a new address, or turn it off."""
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Choisissez une action."))
    else:
        service, done = action
        try:
            service(user=request.user)
        except AppointmentError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, str(done))
    return redirect(f"{reverse('appointments:mine')}#{BOX}")


@audience(SECRET_LINK, rule="appointments.selectors.feed_sessions: the token is the key")
@require_safe
def feed(request, token):
    """The `.ics` feed: only times, "Relais — entretien" and links (calendar_files)."""
    sessions = selectors.feed_sessions(token)
    if sessions is None:
        raise Http404
    response = HttpResponse(private_feed(sessions), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="relais-entretiens.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Nothing of a person in a shared cache, whoever asks (the feed is read without a session).
    return keep_out_of_caches(response)
