"""Fixtures of the forum's tests: an ordinary forum, the two restricted ones, people by role."""

import pytest

from members.tests import factories as people

from . import factories


@pytest.fixture
def ordinary_forum(db):
    return factories.forum("Relations de travail")


@pytest.fixture
def announcements(db):
    return factories.announcements()


@pytest.fixture
def helpers_forum(db):
    return factories.helpers_forum()


@pytest.fixture
def helper(db):
    return factories.helper(email="aidant@relais.test")


@pytest.fixture
def moderator(db):
    return factories.moderator(email="moderation@relais.test")


@pytest.fixture
def coordinator_2fa(coordinator):
    return people.with_second_factor(coordinator)


@pytest.fixture
def other_member(db):
    return people.member(email="membre2@relais.test")
