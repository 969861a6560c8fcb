"""Organisation contacts in the Wagtail admin: coordinators name, for a client organisation, the
person who reads its reports (R-A2). Migration 0002 gives the Coordination group the rights."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import OrganisationContact


class OrganisationContactViewSet(ModelViewSet):
    model = OrganisationContact
    menu_label = _("Contacts d’organisation")
    icon = "user"
    add_to_admin_menu = True
    menu_order = 251
    form_fields = ["user", "organisation"]
    list_display = ["organisation", "created_at"]
    list_filter = ["organisation"]


contact_viewset = OrganisationContactViewSet("organisation_contacts")


@hooks.register("register_admin_viewset")
def register_contact_viewset():
    return contact_viewset
