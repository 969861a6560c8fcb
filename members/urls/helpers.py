"""Helpers' profile, organisations for helpers, and the coordinators' verification of helpers."""

from django.urls import path

from ..views import helpers as views

urlpatterns = [
    path("aidant/profil/", views.helper_profile, name="helper_profile"),
    path("coordination/aidants/", views.helpers_admin, name="helpers_admin"),
    path(
        "coordination/aidants/<uuid:public_id>/verifier/",
        views.verify_helper,
        name="verify_helper",
    ),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<uuid:public_id>/", views.organisation, name="organisation"),
]
