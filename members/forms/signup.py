"""allauth's sign-up form, answering in the same time whether the address has an account or not
(security issue, item 3; ACCOUNT_PREVENT_ENUMERATION).

Wired by ACCOUNT_FORMS = {"signup": "members.forms.signup.SignupForm"} in the settings.

With a new address allauth hashes the password, creates the account and sends the confirmation
link; with a known one it creates nothing and sends a "you already have an account" message. Both
send one e-mail during the request; the password hash (Argon2, by far the slowest step after the
mail) would be done on one path only, and its time would tell the addresses apart.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The same work as creating the account, then thrown away.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
