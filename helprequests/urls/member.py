"""URLs of the member pages (see helprequests/urls/__init__.py).

The request page `/demandes/<public_id>/` is linked from the e-mails the services send.
"""

from django.urls import path

from ..views import member as views
from ..views import member_actions as actions

urlpatterns = [
    path("", views.mine, name="mine"),
    path("demander/", views.ask, name="ask"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/retirer/", views.withdraw, name="withdraw"),
    path("<uuid:public_id>/accord/", actions.consent, name="consent"),
    path("<uuid:public_id>/devis/", actions.offers, name="offers"),
    path("<uuid:public_id>/devis/<int:offer_id>/", actions.answer_offer, name="answer_offer"),
    path("<uuid:public_id>/questionnaire/", views.questionnaire, name="questionnaire"),
    path(
        "<uuid:public_id>/supervision/<int:share_id>/",
        actions.supervision_answer,
        name="supervision_answer",
    ),
]
