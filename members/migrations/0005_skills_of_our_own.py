"""Members' skills move from CMS tags (taggit) to a table of their own.

As taggit tags, skill names sat in the table that the Wagtail admin's tag autocomplete reads for
editors and coordinators, and they stayed there after the profile was deleted. Each profile's
skills are copied into members.Skill, then the taggit rows that only skills used are deleted;
a tag that also labels CMS content stays, as a CMS tag.

The old field is removed first: with an explicit through model, removing it touches no table,
and the through rows are still there to be copied until ProfileSkill itself is deleted.
"""

import unicodedata

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify


def _normalise(name):
    # The rule of members.models.profiles.normalise_skill, frozen here as migrations should be.
    return unicodedata.normalize("NFC", " ".join((name or "").split())).casefold()


def _tag_is_used_elsewhere(tag_model, tag, skipping):
    # Every use of a tag is a row of a through model (taggit's TaggedItem, home's ResourceTag…)
    # with a foreign key to it; the taggable managers themselves cannot be queried here.
    for relation in tag_model._meta.related_objects:
        if relation.many_to_many or relation.related_model is skipping:
            continue
        if relation.related_model._default_manager.filter(**{relation.field.name: tag}).exists():
            return True
    return False


def copy_skills(apps, schema_editor):
    ProfileSkill = apps.get_model("members", "ProfileSkill")
    # The test suite replays data migrations on a database already at the latest state (after
    # a transactional test empties it), with the models as they were before this migration:
    # the old table is gone, and there is nothing to copy.
    if ProfileSkill._meta.db_table not in schema_editor.connection.introspection.table_names():
        return
    Skill = apps.get_model("members", "Skill")
    Tag = apps.get_model("taggit", "Tag")
    seen = set()
    rows = []
    tag_ids = set()
    for profile_id, tag_id, name in ProfileSkill.objects.order_by("pk").values_list(
        "content_object_id", "tag_id", "tag__name"
    ):
        tag_ids.add(tag_id)
        name = " ".join(name.split())
        key = (profile_id, _normalise(name))
        if name and key not in seen:
            seen.add(key)
            rows.append(Skill(profile_id=profile_id, name=name[:100], normalised=key[1][:100]))
    Skill.objects.bulk_create(rows, batch_size=500)
    ProfileSkill.objects.all().delete()
    for tag in Tag.objects.filter(pk__in=tag_ids):
        if not _tag_is_used_elsewhere(Tag, tag, ProfileSkill):
            tag.delete()


def restore_skills(apps, schema_editor):
    ProfileSkill = apps.get_model("members", "ProfileSkill")
    Skill = apps.get_model("members", "Skill")
    Tag = apps.get_model("taggit", "Tag")
    for skill in Skill.objects.order_by("pk"):
        tag = Tag.objects.filter(name__iexact=skill.name).first()
        if tag is None:
            slug = base = slugify(skill.name, allow_unicode=True)[:90] or "competence"
            number = 1
            while Tag.objects.filter(slug=slug).exists():
                number += 1
                slug = f"{base}-{number}"
            tag = Tag.objects.create(name=skill.name, slug=slug)
        ProfileSkill.objects.get_or_create(content_object_id=skill.profile_id, tag=tag)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("members", "0004_coordinator_permissions"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="profile",
            name="skills",
        ),
        migrations.CreateModel(
            name="Skill",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="compétence")),
                (
                    "normalised",
                    models.CharField(
                        editable=False, max_length=100, verbose_name="forme normalisée"
                    ),
                ),
                (
                    "profile",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="skills",
                        to="members.profile",
                        verbose_name="profil",
                    ),
                ),
            ],
            options={
                "verbose_name": "compétence",
                "verbose_name_plural": "compétences",
                "ordering": ["normalised", "pk"],
            },
        ),
        migrations.AddIndex(
            model_name="skill",
            index=models.Index(fields=["normalised"], name="members_ski_normali_362fe7_idx"),
        ),
        migrations.AddConstraint(
            model_name="skill",
            constraint=models.UniqueConstraint(
                fields=("profile", "normalised"), name="members_skill_once_per_profile"
            ),
        ),
        migrations.RunPython(copy_skills, restore_skills),
        migrations.DeleteModel(
            name="ProfileSkill",
        ),
    ]
