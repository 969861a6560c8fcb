"""The members' app in the Wagtail admin: coordinators manage organisations there (R-A1).

Who sees it: whoever holds a permission on organisations (migration 0004 gives view, add and
change to the Coordination group); editors hold none, so the menu item and the views stay hidden
and closed to them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Organisation


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    menu_label = _("Organisations")
    icon = "group"
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "name",
        "kind",
        "confidentiality_level",
        "max_sessions_per_person",
        "coordinators_book_sessions",
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    inspect_view_enabled = True


organisation_viewset = OrganisationViewSet("organisations")


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return organisation_viewset
