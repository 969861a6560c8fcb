"""Wagtail's default workflow carries the network's name and Édition approves (issue #17)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow

pytestmark = pytest.mark.django_db

migration = importlib.import_module("members.migrations.0009_workflow_named_for_the_editors")


def test_moderators_approval_is_renamed_and_given_to_the_editors():
    Workflow.objects.filter(name=migration.NEW_NAME).delete()
    GroupApprovalTask.objects.filter(name=migration.NEW_NAME).delete()
    workflow = Workflow.objects.create(name=migration.OLD_NAME)
    task = GroupApprovalTask.objects.create(name=migration.OLD_NAME)

    migration.rename(apps, None)

    workflow.refresh_from_db()
    task.refresh_from_db()
    assert workflow.name == task.name == "Relecture par l’équipe d’édition"
    assert list(task.groups.all()) == [Group.objects.get(name="Édition")]
    assert not Workflow.objects.filter(name="Moderators approval").exists()
