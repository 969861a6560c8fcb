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


MAIN_NAV_START = '<nav class="main-nav"'


def _main_nav(client, path):
    page = client.get(path).content.decode()
    return page.split(MAIN_NAV_START, 1)[1].split("</nav>", 1)[0]


def test_the_main_navigation_leads_members_to_the_forum(client_for, member):
    """Issue #17, item 4: the forum sits in the main navigation, marked when it is open."""
    forum_link = f'href="{reverse("forum:index")}"'
    assert forum_link in _main_nav(client_for(member), reverse("members:my_data"))
    assert f'{forum_link} aria-current="page"' in _main_nav(
        client_for(member), reverse("forum:index")
    )


def test_the_main_navigation_offers_no_forum_to_a_visitor(client, site_tree):
    assert reverse("forum:index") not in _main_nav(client, "/")


def test_the_last_post_names_its_author_after_a_colon_not_de_ancien_membre(
    client_for, member, other_member, ordinary_forum
):
    """Issue #17, item 8: "Dernier message : Ancien membre", never "de Ancien membre"."""
    from members.services.data_rights import delete_account

    from . import factories

    topic = factories.topic(ordinary_forum, poster=member, subject="Un sujet")
    factories.reply(topic, poster=other_member)
    delete_account(user=other_member, remove_forum_posts=False)

    client = client_for(member)
    for path in (
        reverse("forum:index"),
        reverse("forum:forum", kwargs={"slug": ordinary_forum.slug, "pk": ordinary_forum.pk}),
    ):
        page = client.get(path).content.decode()
        assert "Dernier message</a> : Ancien membre, le " in page, path
        assert "de Ancien membre" not in page
