"""Fixtures of the members' tests: the SMTP catcher that receives every e-mail the portal sends,
and the people and texts of joining.

portal.settings.test sends e-mail over SMTP to 127.0.0.1:EMAIL_PORT. pytest-django swaps the
backend for the in-memory one when the test environment is set up; this puts the SMTP backend
back, so that the tests send real messages through Django's SMTP backend to tests.smtp.
"""

import datetime

import pytest
from allauth.mfa.models import Authenticator

from home.models import CharterKind
from home.tests.factories import CharterPageFactory
from members.models import MembershipMode, MembershipSettings
from members.tests import factories as people

# --- Joining and terms ---------------------------------------------------------------------


@pytest.fixture
def membership_terms(site_tree):
    """The membership terms in force (V1/2024), below the charters index of the site tree."""
    return CharterPageFactory(
        parent=site_tree.charters,
        title="Conditions d’adhésion",
        slug="conditions-v1",
        kind=CharterKind.MEMBERSHIP_TERMS,
        version_label="V1/2024",
        effective_date=datetime.date(2024, 1, 1),
    )


@pytest.fixture
def newcomer(db):
    """Someone who has just signed up and confirmed their address: no role, no profile yet."""
    return people.UserFactory(email="nouvelle@relais.test", verified_email=True)


@pytest.fixture
def coordinator_with_2fa(coordinator):
    """Coordination pages need a second factor (members.permissions.coordinator_required)."""
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    return coordinator


@pytest.fixture
def open_membership(db):
    settings_row = MembershipSettings.load()
    settings_row.mode = MembershipMode.OPEN
    settings_row.save()
    return settings_row


@pytest.fixture
def approval_membership(db):
    settings_row = MembershipSettings.load()
    settings_row.mode = MembershipMode.APPROVAL
    settings_row.save()
    return settings_row
