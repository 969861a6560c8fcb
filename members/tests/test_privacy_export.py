"""The export surface of the privacy matrix: "Mes données" gives the owner every item with its
visibility, whatever that visibility, and never another person's items (R-C7, R-C8)."""

import json

import pytest

from members.tests.test_privacy import CASES, VALUES, make_subject, make_viewer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("key", "visibility"), CASES)
def test_the_owner_s_export_holds_each_item_and_its_visibility(client_for, key, visibility):
    subject = make_subject(key, visibility)

    response = client_for(subject.user).get("/membres/mes-donnees/export.json")
    text = json.dumps(json.loads(response.content), ensure_ascii=False)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert VALUES[key] in text
    assert visibility in text


@pytest.mark.parametrize("viewer_kind", ["another member", "coordinator"])
def test_an_export_never_holds_someone_else_s_items(client_for, viewer_kind):
    subject = make_subject("phone", "members")
    viewer = make_viewer(viewer_kind, subject)

    response = client_for(viewer).get("/membres/mes-donnees/export.json")
    text = json.dumps(json.loads(response.content), ensure_ascii=False)

    for value in VALUES.values():
        assert value not in text
