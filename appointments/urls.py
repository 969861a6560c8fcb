"""Availability, booking and sessions under /entretiens/ (R-A3, R-A5, R-K2)."""

from django.urls import path

from . import feed_views, views

app_name = "appointments"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("mon-agenda/", feed_views.calendar_feed, name="calendar_feed"),
    path("agenda/<str:token>.ics", feed_views.feed, name="feed"),
    path("disponibilites/", views.availability, name="availability"),
    path("disponibilites/<int:pk>/retirer/", views.remove_slot, name="remove_slot"),
    path("absences/<int:pk>/retirer/", views.remove_absence, name="remove_absence"),
    path("demande/<uuid:public_id>/", views.book, name="book"),
    path("proposer/<uuid:public_id>/", views.offer, name="offer"),
    path("<uuid:public_id>/annuler/", views.cancel, name="cancel"),
    path("<uuid:public_id>/absence/", views.no_show, name="no_show"),
    path("<uuid:public_id>/tenu/", views.done, name="done"),
    path("<uuid:public_id>/retour/", views.feedback, name="feedback"),
    path("<uuid:public_id>/suite/", views.propose, name="propose"),
    path("<uuid:public_id>/appel/", views.remote_details, name="remote_details"),
    path("coordination/", views.coordination, name="coordination"),
    path("coordination/demande/<uuid:public_id>/", views.coord_request, name="coord_request"),
]
