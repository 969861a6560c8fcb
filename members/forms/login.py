"""allauth's login form with "Je suis sur un ordinateur partagé" (R-G10).

Wired by ACCOUNT_FORMS = {"login": "members.forms.login.LoginForm"} in the settings.
"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .. import sessions


class LoginForm(AllauthLoginForm):
    shared_computer = forms.BooleanField(
        label=_("Je suis sur un ordinateur partagé"),
        required=False,
        help_text=_(
            "Votre session se fermera à la fermeture du navigateur et après quelques minutes "
            "sans activité."
        ),
    )

    def login(self, request, redirect_url=None):
        response = super().login(request, redirect_url=redirect_url)
        if self.cleaned_data.get("shared_computer"):
            # When a second factor is still to be entered, the login completes later; the flag
            # stays in the session and members.sessions picks it up at login.
            sessions.mark_shared_computer(request)
        return response
