import pytest

from members.tests.factories import member as make_member

from . import factories


@pytest.fixture
def forum(db):
    return factories.make_forum("Écoute entre pairs")


@pytest.fixture
def moderator(db):
    return factories.moderator(email="moderation@relais.test")


@pytest.fixture
def newcomer(db):
    return make_member(email="nouvelle@relais.test")


@pytest.fixture
def other_member(db):
    return make_member(email="autre@relais.test")
