"""allauth's pages in Relais' look (issue #17, item 7): the fields laid out as Relais lays them,
the shared-computer choice on its own line with its explanation, buttons apart in a group."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from members.tests import factories as people
from members.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_lays_out_the_shared_computer_choice_with_its_explanation(client):
    page = client.get(reverse("account_login")).content.decode()

    assert 'class="account-form"' in page
    choice = next(
        block
        for block in page.split('class="account-field account-check"')[1:]
        if "shared_computer" in block.split("</label>", 1)[0]
    ).split("</div>\n    </div>")[0]
    assert 'type="checkbox"' in choice and "Je suis sur un ordinateur partagé" in choice
    assert "à la fermeture du navigateur" in choice
    assert '<div class="account-actions">' in page


@pytest.mark.parametrize("name", ["account_signup", "account_reset_password"])
def test_the_visitors_account_pages_use_relais_fields(client, name):
    page = client.get(reverse(name)).content.decode()

    assert 'class="account-form"' in page and 'class="account-field"' in page
    assert "<p><label" not in page  # no stock "as_p" layout


@pytest.mark.parametrize("name", ["account_change_password", "account_email"])
def test_the_members_account_pages_use_relais_fields(client_for, name):
    page = client_for(people.member(email="compte@relais.test")).get(reverse(name))

    assert 'class="account-field"' in page.content.decode()


def test_the_recovery_codes_buttons_stand_apart_in_one_group(client_for):
    user = people.member(email="codes@relais.test")
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    RecoveryCodes.activate(user)

    client = client_for(user)
    codes = reverse("mfa_view_recovery_codes")
    client.post(f"{reverse('account_reauthenticate')}?next={codes}", {"password": PASSWORD})
    response = client.get(codes)
    assert response.status_code == 200, response.get("Location")
    page = response.content.decode()

    group = page.split('<div class="button-group">', 1)[1].split("</div>", 1)[0]
    assert reverse("mfa_download_recovery_codes") in group
    assert reverse("mfa_generate_recovery_codes") in group
