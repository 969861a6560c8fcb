"""A member opens the forum, reads a demo conversation and replies to it (issue #5)."""

import re

from tests.e2e.demo import PASSWORD

TOPIC = "Un élu me demande des réponses le soir et le week-end"


def member_reads_a_forum_topic_and_replies(live_server, browser):
    member = browser.new_context(locale="fr-FR").new_page()
    member.set_default_timeout(15_000)
    member.goto(live_server.url + "/compte/login/?next=/forum/")
    member.get_by_label("E-mail").fill("membre@relais.test")
    member.get_by_label("Mot de passe", exact=False).first.fill(PASSWORD)
    member.get_by_role("button", name="Connexion").click()
    member.wait_for_url(re.compile(r"/forum/$"))

    assert member.get_by_role("heading", name="Forum des membres").is_visible()
    assert member.get_by_role("link", name="Entre aidants").count() == 0  # helpers only (R-A4)
    member.get_by_role("link", name="Relations de travail").first.click()
    member.get_by_role("link", name=TOPIC).click()
    assert member.get_by_role("heading", name=TOPIC, level=1).is_visible()
    assert member.get_by_text("Tournesol").first.is_visible()  # the author's pseudonym

    member.get_by_role("link", name="Répondre").first.click()
    member.wait_for_load_state()
    if (
        "/forum/charte/" in member.url
        or member.get_by_label("J’accepte la charte du forum").count()
    ):
        # The forum rules, once before a first post (forum/moderation/).
        member.get_by_label("J’accepte la charte du forum").check()
        member.get_by_role("button", name="Accepter et continuer").click()
        member.wait_for_url(re.compile(r"/post/create/"))
    member.fill('textarea[name="content"]', "Merci, je vais proposer un point fixe chaque semaine.")
    member.get_by_role("button", name="Publier").click()
    member.wait_for_url(re.compile(r"/forum/forum/.+/topic/"))
    assert "/forum/" in member.url
    member.context.close()
