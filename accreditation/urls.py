"""Helpers' accreditation under /agrement/ (issue #19)."""

from django.urls import path

from . import views

app_name = "accreditation"
urlpatterns = [
    path("", views.mine, name="mine"),
    path(
        "plainte/demande/<uuid:public_id>/", views.complain_about_request, name="complain_request"
    ),
    path(
        "plainte/entretien/<uuid:public_id>/", views.complain_about_session, name="complain_session"
    ),
    path("mes-plaintes/", views.my_complaints, name="my_complaints"),
    path("coordination/", views.coordination, name="coordination"),
    path("coordination/aidant/<uuid:public_id>/", views.helper_detail, name="helper"),
    path("coordination/plainte/<uuid:public_id>/", views.complaint_detail, name="complaint"),
]
