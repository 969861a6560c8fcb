"""How django-allauth creates accounts and where it sends people after login (R-C6).

Settings: ACCOUNT_ADAPTER = "members.adapter.AccountAdapter".
"""

from allauth.account.adapter import DefaultAccountAdapter

from .gate import next_step_url
from .services.joining import ensure_profile


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Every account made at sign-up gets its profile, starting at the questionnaire."""
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            ensure_profile(user)
        return user

    def post_login(self, request, user, *, redirect_url, **kwargs):
        """After login, including the one that follows the e-mail confirmation, a newcomer goes on
        with joining and a member owing a re-acceptance reads the new terms, wherever the login
        link pointed: until then, no member area opens."""
        if not user.is_superuser:
            redirect_url = next_step_url(user) or redirect_url
        return super().post_login(request, user, redirect_url=redirect_url, **kwargs)
