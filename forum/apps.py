from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    """Home of the django-machina integration and its moderation additions (issue #5).

    Until that issue lands the app holds no models or views; it is installed so that the
    layout, migrations and translations of the project do not move when the forum arrives.
    """

    name = "forum"
    verbose_name = _("Forum")
