"""Help requests: members ask, coordinators route, helpers answer (issue #6)."""

app_name = "helprequests"
urlpatterns = []
