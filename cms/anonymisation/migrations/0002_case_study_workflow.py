"""Kept so databases that applied it stay consistent. Its work (the "Case study review"
workflow) moved to ``case_studies/migrations/0002_review_workflow.py`` when this app
became shared and stopped knowing about case studies."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("anonymisation", "0001_initial")]
    operations = []
