"""Forum display names (issue #5, item 3): the only name the forum ever shows of a member.

machina names people through `forum_member.shortcuts.get_forum_member_display_name`, which
forum/machina_apps/forum_member/shortcuts.py points here; so machina's pages, its search index
and ours all show the name the member chose, or a neutral generated one ("Membre 4821") until
they choose: never their e-mail address (machina's default: the user model's username) nor
their real name, which the privacy settings may hide.
"""

import random
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.names import validate_shown_name

from .models import ForumIdentity

MIN_LENGTH = 3
MAX_LENGTH = 40
ALLOWED = re.compile(r"^[\w][\w .'’\-]*$")
# "Membre 4821" and its kin are the generated names: nobody may choose one.
GENERATED = re.compile(r"^(membre|member)\s*\d+$", re.IGNORECASE)
RESERVED = {"ancien membre", "membre du réseau", "modération", "coordination", "relais", "admin"}


def generated_name():
    return gettext("Membre %(number)s") % {"number": random.randint(1000, 99999)}  # noqa: S311


def fallback_name(user):
    """The name shown for someone who never opened the forum (and so never posted in it)."""
    if user is None:
        return gettext("Ancien membre")
    return gettext("Membre du réseau")


def display_name(user):
    """The name the forum shows for `user` (None: a deleted account)."""
    if user is None:
        return gettext("Ancien membre")
    try:
        return user.forum_identity.display_name
    except ForumIdentity.DoesNotExist:
        return fallback_name(user)


def ensure_identity(user):
    """The member's forum identity, created with a generated name on their first forum visit."""
    cached = getattr(user, "_relais_forum_identity", None)
    if cached is not None:
        return cached
    identity = ForumIdentity.objects.filter(user=user).first()
    while identity is None:
        try:
            with transaction.atomic():
                identity = ForumIdentity.objects.create(user=user, display_name=generated_name())
        except IntegrityError:
            # Another generated name was already taken, or a parallel request created it.
            identity = ForumIdentity.objects.filter(user=user).first()
    user._relais_forum_identity = identity
    user.forum_identity = identity  # fills Django's cache of the reverse relation, no query
    return identity


def validate_display_name(name, *, user):
    """Raise ValidationError (French message) when `name` may not be chosen by `user`."""
    validate_shown_name(name)
    name = " ".join(name.split())
    if len(name) < MIN_LENGTH or len(name) > MAX_LENGTH:
        raise ValidationError(
            _("Choisissez un nom de %(min)s à %(max)s caractères."),
            params={"min": MIN_LENGTH, "max": MAX_LENGTH},
            code="length",
        )
    if "@" in name or not ALLOWED.match(name):
        raise ValidationError(
            _(
                "Utilisez des lettres, des chiffres, des espaces, des traits d’union, des points "
                "ou des apostrophes (pas d’adresse e-mail)."
            ),
            code="characters",
        )
    if name.replace(" ", "").isdigit():
        raise ValidationError(_("Un nom ne peut pas être fait que de chiffres."), code="digits")
    if GENERATED.match(name) or name.casefold() in RESERVED:
        raise ValidationError(
            _("Ce nom est réservé par le forum : choisissez-en un autre."), code="reserved"
        )
    taken = ForumIdentity.objects.filter(display_name__iexact=name).exclude(user=user).exists()
    if taken:
        raise ValidationError(
            _("Ce nom est déjà pris sur le forum : choisissez-en un autre."), code="taken"
        )
    return name


def choose_display_name(*, user, name, linked_to_profile):
    """The member chooses their forum name (and whether to show their member card).

    Their messages are reindexed, so that the search by author finds the new name and no longer
    the old one.
    """
    from .search import queue_posts

    name = validate_display_name(name, user=user)
    with transaction.atomic():
        identity = ensure_identity(user)
        identity = ForumIdentity.objects.select_for_update().get(pk=identity.pk)
        renamed = identity.display_name != name
        identity.display_name = name
        identity.chosen = True
        identity.linked_to_profile = linked_to_profile
        try:
            with transaction.atomic():
                identity.save()
        except IntegrityError as error:
            raise ValidationError(
                _("Ce nom est déjà pris sur le forum : choisissez-en un autre."), code="taken"
            ) from error
        user._relais_forum_identity = identity
        if renamed:
            queue_posts(list(user.posts.values_list("pk", flat=True)))
    return identity
