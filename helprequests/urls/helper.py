"""URLs of the helper pages (see helprequests/urls/__init__.py), under /demandes/aidant/.

`public_id` is the request's public id: services and e-mails link to the brief with it."""

from django.urls import path

from ..views import helper as views
from ..views import helper_actions as actions

urlpatterns = [
    path("", views.helper_requests, name="helper_requests"),
    path("supervision/", views.helper_supervision_cases, name="helper_supervision_cases"),
    path("<uuid:public_id>/", views.helper_brief, name="helper_brief"),
    path("<uuid:public_id>/accepter/", actions.helper_accept, name="helper_accept"),
    path("<uuid:public_id>/decliner/", actions.helper_decline, name="helper_decline"),
    path("<uuid:public_id>/se-retirer/", actions.helper_step_aside, name="helper_step_aside"),
    path("<uuid:public_id>/accord/", actions.helper_consent, name="helper_consent"),
    path("<uuid:public_id>/commencer/", actions.helper_start, name="helper_start"),
    path("<uuid:public_id>/report/", actions.helper_delay, name="helper_delay"),
    path("<uuid:public_id>/alerte/", actions.helper_alert, name="helper_alert"),
    path("<uuid:public_id>/alerte/levee/", views.helper_alert_raised, name="helper_alert_raised"),
    path("<uuid:public_id>/compte-rendu/", actions.helper_outcome, name="helper_outcome"),
    path("<uuid:public_id>/devis/", actions.helper_offer, name="helper_offer"),
    path(
        "<uuid:public_id>/supervision/",
        actions.helper_supervision_ask,
        name="helper_supervision_ask",
    ),
    path(
        "<uuid:public_id>/supervision/resume/",
        actions.helper_supervision_share,
        name="helper_supervision_share",
    ),
    path("<uuid:public_id>/resoudre/", actions.helper_resolve, name="helper_resolve"),
]
