"""What Relais adds to machina's forum: display names, forum subscriptions, sent notices.

machina's own models (forums, topics, posts, tracks, permissions) stay machina's; see
forum/machina_apps/.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class ForumIdentity(models.Model):
    """The name a member goes by in the forum (issue #5, item 3).

    A pseudonym is allowed. Until the member chooses one, `display_name` holds a neutral generated
    name ("Membre 4821") that says nothing of the person. Names are unique whatever their case.
    `linked_to_profile` says whether the member lets readers of the forum see their author card
    (what members/privacy.py allows of their profile, and a link to it): off by default, so that
    a pseudonym stays a pseudonym.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_identity"
    )
    # The forum's own opaque id for the member's forum pages: not the account's public_id, which
    # opens their directory profile and would tie a pseudonym to a name.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(_("nom sur le forum"), max_length=40)
    chosen = models.BooleanField(_("choisi par le membre"), default=False)
    linked_to_profile = models.BooleanField(
        _("montrer ma carte de membre à côté de mes messages"), default=False
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("nom sur le forum")
        verbose_name_plural = _("noms sur le forum")
        constraints = [
            models.UniqueConstraint(Lower("display_name"), name="forum_identity_unique_name_ci")
        ]

    def __str__(self):
        return self.display_name


class ForumSubscription(models.Model):
    """A member follows a whole forum: they hear of each new published message in it.

    machina has topic subscriptions only (Topic.subscribers); this adds forums (issue #5, item 5).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    forum = models.ForeignKey(
        "forum.Forum", on_delete=models.CASCADE, related_name="relais_subscriptions"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement à un forum")
        verbose_name_plural = _("abonnements à des forums")
        constraints = [
            models.UniqueConstraint(fields=["user", "forum"], name="forum_subscription_once")
        ]

    def __str__(self):
        return f"ForumSubscription {self.pk}"


class PublishedPost(models.Model):
    """A post whose publication was announced to subscribers: each post is announced once,
    whether it was approved at once or later by a moderator."""

    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="relais_published"
    )
    announced_at = models.DateTimeField(_("annoncé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("message annoncé")
        verbose_name_plural = _("messages annoncés")

    def __str__(self):
        return f"PublishedPost {self.post_id}"
