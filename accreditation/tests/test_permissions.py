"""The state table of accreditation.permissions is the one the services obey: every status ×
every change, through the services, succeeds exactly where the table opens it (STYLE.md: one
decision point per rule, the pages and the services asking the same functions)."""

import pytest

from accreditation import permissions, services
from accreditation.errors import AccreditationError
from accreditation.models import Accreditation, Status
from helprequests.tests.factories import Cast

pytestmark = pytest.mark.django_db


def open_in(action, row):
    if action == "pause":
        return permissions.may_pause(row)
    if action == "resume":
        return permissions.may_resume(row)
    return action in permissions.decisions_for(row)


def run(action, cast):
    if action in ("pause", "resume"):
        return getattr(services, action)(helper=cast.helper, by=cast.helper)
    return getattr(services, action)(helper=cast.helper, by=cast.coordinator, reason="Motif.")


@pytest.mark.parametrize("action", ["pause", "resume", "suspend", "withdraw", "reinstate"])
@pytest.mark.parametrize("status", Status.values)
def test_a_change_succeeds_exactly_where_the_table_opens_it(status, action):
    cast = Cast.create()
    row = Accreditation.objects.create(helper=cast.helper, status=status)

    if open_in(action, row):
        assert run(action, cast).status != status
    else:
        with pytest.raises(AccreditationError):
            run(action, cast)
        row.refresh_from_db()
        assert row.status == status
