"""Relais's moderation pages, mounted by forum/urls.py under /forum/.

machina's own moderation routes (queue, approve, refuse, lock, move, pin, delete) stay under
/forum/moderation/, served by forum.machina_apps.forum_moderation.
"""

from django.urls import path

from . import views

app_name = "relais_moderation"

urlpatterns = [
    path("signaler/<int:post_id>/", views.report_post, name="report_post"),
    path("charte/", views.forum_rules, name="forum_rules"),
    path("mes-messages/", views.my_posts, name="my_posts"),
    path("decisions/<uuid:decision_id>/", views.decision, name="decision"),
    path("signalements/<int:post_id>/", views.reported_post, name="reported_post"),
    path("messages/<int:post_id>/supprimer/", views.delete_post, name="delete_post"),
    path("journal/", views.moderation_log, name="log"),
]
