"""The forum can be found from the portal: the "Mon espace" menu leads members to it, and
moderators to their queue."""

from django.urls import reverse

MENU_START = '<details class="account-menu">'


def _menu(client):
    page = client.get(reverse("members:my_data")).content.decode()
    return page.split(MENU_START, 1)[1].split("</details>", 1)[0]


def test_the_members_menu_leads_to_the_forum_and_not_to_the_queue(client_for, member):
    menu = _menu(client_for(member))
    assert f'href="{reverse("forum:index")}"' in menu
    assert reverse("forum_moderation:queue") not in menu


def test_the_moderators_menu_also_leads_to_the_moderation_queue(client_for, moderator):
    menu = _menu(client_for(moderator))
    assert f'href="{reverse("forum:index")}"' in menu
    assert f'href="{reverse("forum_moderation:queue")}"' in menu
    assert "File de modération" in menu
