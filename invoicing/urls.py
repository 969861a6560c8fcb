"""Helpers' invoices and the coordination's list under /factures/ (R-A8)."""

from django.urls import path

from . import views

app_name = "invoicing"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("coordonnees/", views.details, name="details"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/pdf/", views.pdf, name="pdf"),
    path("coordination/", views.coordination, name="coordination"),
    path("coordination/export.csv", views.export, name="export"),
    path("coordination/<uuid:public_id>/", views.coord_detail, name="coord_detail"),
    path("coordination/<uuid:public_id>/pdf/", views.coord_pdf, name="coord_pdf"),
]
