"""Visitors see nothing of the forum: not its names in the site search, sitemap or feed."""

from django.test import Client

from . import factories


def test_forum_names_appear_nowhere_a_visitor_can_go(site_tree, member):
    forum = factories.forum("Sujets confidentiels du réseau", slug="sujets-confidentiels")
    factories.topic(forum, poster=member, subject="Un sujet très confidentiel")
    client = Client()
    for url in ["/", "/recherche/?q=confidentiels", "/sitemap.xml", "/flux/"]:
        page = client.get(url).content.decode()
        assert "Sujets confidentiels du réseau" not in page, url
        assert "Un sujet très confidentiel" not in page, url
