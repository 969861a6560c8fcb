"""The members' area, under /membres/. Each module holds the routes of one concern."""

from django.urls import include, path

app_name = "members"

urlpatterns = [
    path("", include("members.urls.joining")),
    path("", include("members.urls.profiles")),
    path("", include("members.urls.data_rights")),
    path("", include("members.urls.helpers")),
]
