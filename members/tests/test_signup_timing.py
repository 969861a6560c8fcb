"""Signing up answers in the same time whether the address has an account or not (security issue,
item 3): both paths do the same slow work, which the test counts rather than times.

The slow steps of a sign-up are the password hash (Argon2 in production) and the e-mail sent
during the request; a path that skipped either would tell an attacker that the address exists.
"""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client, override_settings

from members.tests import factories as people

pytestmark = pytest.mark.django_db


class CountingHasher(MD5PasswordHasher):
    """The test suite's fast hasher, counting each password it hashes."""

    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


COUNTING = override_settings(PASSWORD_HASHERS=[f"{__name__}.CountingHasher"])


def sign_up(email, mailbox):
    """The work one sign-up does: (passwords hashed, e-mails sent, status, where it leads)."""
    CountingHasher.hashed = 0
    before = len(mailbox)
    response = Client().post(
        "/compte/signup/",
        {
            "email": email,
            "password1": "un-secret-bien-long-42",
            "password2": "un-secret-bien-long-42",
        },
    )
    return CountingHasher.hashed, len(mailbox) - before, response.status_code, response["Location"]


@COUNTING
def test_signing_up_with_a_known_address_does_the_same_work_as_with_a_new_one(mailbox):
    people.member(email="deja-inscrite@relais.test", verified_email=True)

    known = sign_up("deja-inscrite@relais.test", mailbox)
    new = sign_up("nouvelle@relais.test", mailbox)

    assert known == new
    assert new[:2] == (1, 1)  # one password hashed, one e-mail sent
