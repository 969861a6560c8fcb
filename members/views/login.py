"""One login road (R-C8, R-G10): every login goes through allauth at /compte/login/.

Wagtail brings two login forms of its own: the admin's (/admin/login/) and the front-end one for
restricted pages (/_util/login/). Both log in after the password alone, skipping allauth's e-mail
verification, its second-factor stage and its rate limits. portal/urls.py routes their addresses
here, before Wagtail's own patterns; this view reads nothing that was posted and sends the visitor
to allauth's login with the same `next`. WAGTAIL_FRONTEND_LOGIN_URL sends Wagtail's front-end
redirects straight there; WAGTAILADMIN_LOGIN_URL sends the admin's here, because the admin also
redirects people who are logged in but may not use it: they get a refusal (403) rather than
allauth's login, which would send a logged-in person back to `next` and round again.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from portal.access import ANYONE, audience


@audience(ANYONE, rule="shows nothing: sends to allauth's login (/compte/login/) with its next")
def to_account_login(request):
    if request.user.is_authenticated:
        raise PermissionDenied
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect_to_login(next_url, login_url="account_login")
    return redirect("account_login")
