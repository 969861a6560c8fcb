"""The coordination's indicators and the organisations' reports under /indicateurs/ (#15)."""

from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("remarques/", views.remarks, name="remarks"),
    path("mon-organisation/", views.my_report, name="my_report"),
    path("organisations/", views.reports_index, name="reports"),
    path("organisations/<uuid:public_id>/", views.report, name="report"),
    path("organisations/<uuid:public_id>/pdf/", views.report_pdf, name="report_pdf"),
]
