"""Seed the canonical taxonomy (cms/taxonomy/canonical.py). Re-running updates names only."""

from django.db import migrations

from cms.taxonomy import canonical


def seed(apps, schema_editor):
    for model_name, rows in [
        ("Agency", canonical.AGENCIES),
        ("JourneyStage", canonical.JOURNEY_STAGES),
        ("ConcernType", canonical.CONCERN_TYPES),
        ("EvidenceType", canonical.EVIDENCE_TYPES),
    ]:
        model = apps.get_model("taxonomy", model_name)
        for order, (slug, name, description) in enumerate(rows):
            model.objects.update_or_create(
                slug=slug, defaults={"name": name, "description": description, "sort_order": order}
            )
    Area = apps.get_model("taxonomy", "Area")
    for slug, name in canonical.AREAS:
        Area.objects.update_or_create(slug=slug, defaults={"name": name})
    Theme = apps.get_model("taxonomy", "Theme")
    for slug, name in canonical.THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
