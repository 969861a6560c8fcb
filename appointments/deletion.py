"""What deleting an account does to appointments (R-C8), registered in apps.ready()."""

from . import services


def forget_sessions(user, *, remove_forum_posts):
    services.forget_person(user)
    services.close_feed(user=user)
