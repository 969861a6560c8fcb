"""Data rights (R-C8) and safe sessions (R-G10)."""

from django.urls import path

from .. import sessions
from ..views import data_rights as views

urlpatterns = [
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/export.json", views.my_data_json, name="my_data_json"),
    path("mes-donnees/supprimer/", views.delete_account, name="delete_account"),
    path("coordination/consultations/", views.access_log, name="access_log"),
    path("session/prolonger/", sessions.extend_session, name="extend_session"),
]
