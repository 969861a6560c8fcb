"""One login road (R-C8, R-G10): every login goes through allauth at /compte/login/.

Wagtail brings two login forms of its own: the admin's (/admin/login/) and the front-end one for
restricted pages (/_util/login/). Both log in after the password alone, skipping allauth's e-mail
verification, its second-factor stage and its rate limits. portal/urls.py routes their addresses
here, before Wagtail's own patterns; this view reads nothing that was posted and sends the visitor
to allauth's login with the same `next`. WAGTAILADMIN_LOGIN_URL and WAGTAIL_FRONTEND_LOGIN_URL
send Wagtail's own redirects straight there.
"""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from portal.access import ANYONE, audience


@audience(ANYONE, rule="shows nothing: sends to allauth's login (/compte/login/) with its next")
def to_account_login(request):
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect_to_login(next_url, login_url="account_login")
    return redirect("account_login")
