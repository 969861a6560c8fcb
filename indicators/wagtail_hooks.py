"""Organisation contacts in the Wagtail admin: coordinators name, for a client organisation, the
person who reads its reports (R-A2). Migration 0002 gives the Coordination group the rights."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import OrganisationContact, Trial


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


class TrialViewSet(ModelViewSet):
    """R-P9: coordinators declare a trial period and its goals (migration 0004 gives the rights)."""

    model = Trial
    menu_label = _("Périodes d’essai")
    icon = "date"
    add_to_admin_menu = True
    menu_order = 252
    form_fields = [
        "name",
        "starts_on",
        "ends_on",
        "goal_requests",
        "goal_in_time_share",
        "goal_sessions_held",
        "goal_satisfaction",
    ]
    list_display = ["name", "starts_on", "ends_on"]


trial_viewset = TrialViewSet("trials")


@hooks.register("register_admin_viewset")
def register_trial_viewset():
    return trial_viewset
