"""Joining the network (R-C6), accepting its terms (R-C15) and the coordinators' approval queue."""

from django.urls import path

from ..views import joining as views

urlpatterns = [
    path("adhesion/questionnaire/", views.questionnaire, name="questionnaire"),
    path("adhesion/conditions/", views.accept_terms, name="accept_terms"),
    path("adhesion/en-attente/", views.pending, name="pending"),
    path("coordination/adhesions/", views.approval_queue, name="approval_queue"),
    path(
        "coordination/adhesions/<uuid:public_id>/",
        views.decide_application,
        name="decide_application",
    ),
    path("coordination/acceptations/", views.acceptances, name="acceptances"),
]
