"""Names that other people read refuse invisible and direction-changing characters (security
issue, item 12): the display name and real name of "Mon profil", and the forum name."""

import pytest
from django.urls import reverse

from forum.models import ForumIdentity
from members.models import MembershipStatus, Profile
from members.names import hidden_character

from .test_profiles import MY_PROFILE, profile_data

HIDDEN = {
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "right-to-left isolate": "\u2067",
    "pop directional isolate": "\u2069",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "control character": "\x07",
    "private use": "\ue000",
    "line separator": "\u2028",
    "Hangul filler": "\u3164",
}


@pytest.fixture
def me(member):
    Profile.objects.create(user=member, status=MembershipStatus.ACTIVE, display_name="Moi")
    return member


@pytest.mark.parametrize("character", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_display_name_with_a_hidden_character_is_refused_and_kept_on_the_form(
    client_for, me, character
):
    typed = f"Modé{character}ration"
    response = client_for(me).post(MY_PROFILE, profile_data(display_name=typed))
    content = response.content.decode()
    assert response.status_code == 400  # an invalid form (portal.refusals)
    assert 'id="id_display_name_error"' in content
    assert "caractère invisible ou qui change le sens de l’écriture" in content
    assert f"U+{ord(character):04X}" in content
    assert "J’accompagne les équipes en mairie." in content
    assert Profile.objects.get(user=me).display_name == "Moi"


def test_a_real_name_with_a_direction_override_is_refused(client_for, me):
    response = client_for(me).post(MY_PROFILE, profile_data(last_name="Fon\u202etaine"))
    assert 'id="id_last_name_error"' in response.content.decode()
    me.refresh_from_db()
    assert "\u202e" not in me.last_name


def test_ordinary_names_with_accents_apostrophes_and_scripts_are_accepted(client_for, me):
    name = "Zoë d’Arc-Lefèvre Ñúñez 李 Ольга"
    response = client_for(me).post(MY_PROFILE, profile_data(display_name=name))
    assert response.status_code == 302
    assert Profile.objects.get(user=me).display_name == name


@pytest.mark.parametrize("character", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_forum_name_with_a_hidden_character_is_refused_and_kept_on_the_form(
    client_for, member, character
):
    client = client_for(member)
    client.get(reverse("relais_forum:my_name"))
    before = ForumIdentity.objects.get(user=member).display_name
    typed = f"Plu{character}me"
    response = client.post(reverse("relais_forum:my_name"), {"display_name": typed})
    content = response.content.decode()
    assert response.status_code == 400  # an invalid form (portal.refusals)
    assert f"U+{ord(character):04X}" in content
    assert "caractère invisible ou qui change le sens de l’écriture" in content
    assert f'value="{typed}"' in content
    assert ForumIdentity.objects.get(user=member).display_name == before


def test_an_ordinary_forum_name_is_still_accepted(client_for, member):
    response = client_for(member).post(
        reverse("relais_forum:my_name"), {"display_name": "Zoë d’Arc"}
    )
    assert response.status_code == 302
    assert ForumIdentity.objects.get(user=member).display_name == "Zoë d’Arc"


def test_every_bidirectional_control_is_caught():
    controls = [chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
    assert all(hidden_character(f"a{c}b") == c for c in [*controls, "\u200e", "\u200f", "\u061c"])
