"""Help requests under /demandes/: the member's pages, the coordination's, the helpers'."""

from django.urls import include, path

app_name = "helprequests"
urlpatterns = [
    path("", include("helprequests.urls.member")),
    path("coordination/", include("helprequests.urls.coordination")),
    path("aidant/", include("helprequests.urls.helper")),
    path("", include("helprequests.urls.thread")),
]
