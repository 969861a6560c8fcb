"""Helpers shared by the role × URL matrices of the apps' tests."""

import threading

from django.db import close_old_connections, connection
from django.urls import URLPattern, URLResolver, get_resolver


def url_names(namespace):
    """The names of every URL pattern in a namespace, so that a matrix can prove it is whole."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver) and pattern.namespace == namespace:
                yield from (p.name for p in pattern.url_patterns if isinstance(p, URLPattern))

    return sorted(walk(get_resolver().url_patterns))


def race(*actions, refused):
    """Run the actions at the same moment in their own threads (own database connections).
    Each result is what the action returned, or the `refused` error it raised."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except refused as error:
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


class Redirect:
    """An expected 302 in a role × URL matrix: to the page named `url_name` (its query string
    aside), or anywhere when `url_name` is None."""

    def __init__(self, url_name, *args):
        from django.urls import reverse

        self.url = reverse(url_name, args=args) if url_name else None

    def matches(self, response):
        return response.status_code == 302 and (
            self.url is None or response["Location"].split("?")[0] == self.url
        )

    def __repr__(self):
        return f"302 -> {self.url}"


def door(role):
    """What every matrix expects before any role is asked: a visitor ("anonymous") goes to the
    login page, a person who has not finished joining ("without_role") to their joining step;
    None for everyone else."""
    if role == "anonymous":
        return Redirect("account_login")
    if role == "without_role":
        return Redirect("members:questionnaire")
    return None


def client_as(user):
    """A test client logged in as `user` the way allauth leaves a session (None: a visitor)."""
    from django.test import Client

    from members.tests import factories as people

    client = Client()
    if user is not None:
        people.log_in(client, user)
    return client


def answers(response, expected):
    """Whether `response` is what a matrix expected: a Redirect, or a status code."""
    if isinstance(expected, Redirect):
        return expected.matches(response)
    return response.status_code == expected
