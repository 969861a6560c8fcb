"""What deleting an account does to surveys (R-C8): the record that the person answered goes;
their answers stay, since nothing links them to anyone."""

from .models import SurveyResponder


def forget_responders(user, *, remove_forum_posts):
    SurveyResponder.objects.filter(user=user).delete()
