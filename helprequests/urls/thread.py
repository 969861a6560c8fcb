"""URLs of the private thread of a request (see helprequests/urls/__init__.py)."""

from django.urls import path

from ..views import thread as views

urlpatterns = [
    # public_id: the request's.
    path("echanges/<uuid:public_id>/message/", views.post_message, name="post_message"),
    # public_id: the attachment's.
    path("pieces-jointes/<uuid:public_id>/", views.attachment, name="attachment"),
]
