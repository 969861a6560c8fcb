"""Accounts for tests: a person with an e-mail login and the roles (groups) they hold."""

import factory
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import HttpRequest

from members import roles

PASSWORD = "un-mot-de-passe-solide-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with no role. Pass `roles=[roles.MEMBERS, ...]` to put them in groups."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@relais.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        password = kwargs.pop("password", PASSWORD)
        return model_class.objects.create_user(*args, password=password, **kwargs)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """allauth refuses logins until the address is verified (ACCOUNT_EMAIL_VERIFICATION)."""
        if create and extracted:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


def member(**kwargs):
    return UserFactory(roles=[roles.MEMBERS], **kwargs)


def editor(**kwargs):
    return UserFactory(roles=[roles.MEMBERS, roles.EDITORS], **kwargs)


def coordinator(**kwargs):
    return UserFactory(roles=[roles.MEMBERS, roles.COORDINATORS], **kwargs)


def with_second_factor(user):
    """Give the user a TOTP authenticator, as coordinators and editors must have (issue #4)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


def log_in(client, user):
    """Log `client` in as allauth's login road leaves a session (R-C8): with allauth's records
    of how it authenticated, the password and, when the person owns a TOTP device, the second
    factor, which the road asks for before the login completes. Coordinators' and editors'
    protected pages check those records (members.mfa), which force_login alone does not write.
    A device added after this call is one the session has not passed."""
    client.force_login(user)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    record_authentication(request, user, "password")
    for device in Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP):
        record_authentication(request, user, "mfa", id=device.pk, type=device.type)
    request.session.save()
    return client
