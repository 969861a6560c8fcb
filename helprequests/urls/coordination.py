"""URLs of the coordination pages, under /demandes/coordination/ (helprequests/urls/__init__.py).

The request page `/demandes/coordination/<public_id>/` is linked from the e-mails the services send.
"""

from django.urls import path

from ..views import coordination as views
from ..views import coordination_actions as actions

urlpatterns = [
    path("", views.queue, name="coord_queue"),
    path("alertes/", views.alerts, name="coord_alerts"),
    path("alertes/<int:alert_id>/suites/", views.handle_alert, name="coord_handle_alert"),
    path("saisir/", views.record, name="coord_record"),
    path("saisir/<uuid:member_id>/", views.record_for, name="coord_record_for"),
    path("<uuid:public_id>/", views.detail, name="coord_detail"),
    path("<uuid:public_id>/prise-en-compte/", actions.acknowledge, name="coord_acknowledge"),
    path("<uuid:public_id>/accepter/", actions.accept, name="coord_accept"),
    path("<uuid:public_id>/decliner/", actions.decline, name="coord_decline"),
    path("<uuid:public_id>/orienter/", actions.route, name="coord_route"),
    path("<uuid:public_id>/niveau-national/", actions.refer, name="coord_refer"),
    path("<uuid:public_id>/report/", actions.delay, name="coord_delay"),
]
