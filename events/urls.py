"""Registration actions and attendance under /inscriptions/ (event pages are the CMS's,
under the agenda page)."""

from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:event_id>/inscrire/", views.register, name="register"),
    path("<int:event_id>/agenda.ics", views.calendar_file, name="calendar_file"),
    path("place/<uuid:registration_id>/annuler/", views.cancel, name="cancel"),
    path("coordination/", views.coordination, name="coordination"),
    path("coordination/<int:event_id>/presences/", views.attendance, name="attendance"),
    path("coordination/aidants/", views.obligations, name="obligations"),
    path("coordination/aidants/rappel/", views.remind, name="remind"),
]
