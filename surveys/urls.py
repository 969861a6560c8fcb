"""The coordination's survey results under /sondages-resultats/ (surveys themselves are CMS
pages, answered where editors publish them)."""

from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.coordination, name="coordination"),
    path("<int:survey_id>/", views.results, name="results"),
    path("<int:survey_id>/export.csv", views.export, name="export"),
]
