"""Admin form data and URLs for the review workflow's tests (the pages come from factories.py)."""

from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def section(heading, html):
    return ("situation", {"heading": heading, "text": RichText(html)})


def paragraph(html):
    return ("paragraph", RichText(html))


def edit_post_data(page, summary=None, **extra):
    """POST data for the admin edit view of ``page`` (a one-paragraph body), plus ``extra``."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": summary if summary is not None else page.summary,
        "area": page.area_id,
        "year": page.year,
        "agencies": [a.pk for a in page.agencies.all()],
        "stage": page.stage_id,
        "consent_position": page.consent_position,
        "outcome": page.outcome,
        "evidence_type": page.evidence_type_id,
        "limitations": page.limitations,
        "review_due": page.review_due.isoformat(),
        "last_reviewed": "",
        "themes": "",
    }
    data.update(
        nested_form_data(
            {
                "body": streamfield([("paragraph", rich_text("<p>Child A was referred by the school.</p>"))]),
                "related_items": inline_formset([]),
            }
        )
    )
    data.update(extra)
    return data


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
