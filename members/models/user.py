"""The account of a person in the network.

The e-mail address is the login (issue #3, item 1): people remember it, and there is no
public user name that could identify them.
"""

import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

# The address an erased account is left with ("ancien-membre-<public id>@invalid").
ERASED_EMAIL_DOMAIN = "@invalid"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(_("L’adresse e-mail est obligatoire."))
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person with an account: member, helper, coordinator, moderator or editor.

    Roles are groups (members.roles); a person may hold several.
    """

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    # An opaque identifier for URLs, so that no name or number of a person ever appears in one.
    public_id = models.UUIDField(
        _("identifiant public"), default=uuid.uuid4, unique=True, editable=False
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_erased(self):
        """True for an account closed by members.services.data_rights.delete_account: the row
        stays, without anything personal, so that what others wrote in reply keeps its thread."""
        return not self.is_active and self.email.endswith(ERASED_EMAIL_DOMAIN)

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)
