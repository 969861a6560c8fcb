"""My profile, my privacy choices, and the members' directory (R-C7, R-C11)."""

from django.urls import path

from ..views import profiles as views

urlpatterns = [
    path("profil/", views.my_profile, name="my_profile"),
    path("confidentialite/", views.my_privacy, name="my_privacy"),
    path("annuaire/", views.directory, name="directory"),
    path("annuaire/<uuid:public_id>/", views.member_profile, name="profile"),
]
