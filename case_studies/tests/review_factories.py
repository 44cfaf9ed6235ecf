"""Tiny helpers for the anonymisation guard's tests."""

import datetime
import itertools

from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

_counter = itertools.count(1)

CLEAN_SUMMARY = "Child A's school shared a worry with early help, and the family got support quickly."
CLEAN_OUTCOME = "Child A now attends regularly and the family feel listened to."


def case_study_index():
    from case_studies.review import ensure_case_study_workflow
    from case_studies.models import CaseStudyIndexPage
    from cms.home.models import HomePage

    index = CaseStudyIndexPage.objects.first()
    if index is None:
        index = CaseStudyIndexPage(title="Case studies", slug="case-studies")
        HomePage.objects.get().add_child(instance=index)
        index.save_revision().publish()
    ensure_case_study_workflow(index)
    return index


def make_case_study(title=None, summary=CLEAN_SUMMARY, outcome=CLEAN_OUTCOME, body=None, limitations="",
                    agencies=("education", "early-help")):
    """A draft CaseStudyPage (with one saved revision) under the case study index."""
    from case_studies.models import CaseStudyPage
    from cms.taxonomy.models import Agency, Area, EvidenceType, JourneyStage

    n = next(_counter)
    title = title or f"Child A and the school nurse {n}"
    page = CaseStudyPage(
        title=title, slug=f"story-{n}", summary=summary, outcome=outcome, limitations=limitations,
        area=Area.objects.get(slug="leeds"), year=2023, stage=JourneyStage.objects.get(slug="referral"),
        consent_position="consent-given", evidence_type=EvidenceType.objects.get(slug="practitioner-account"),
        review_due=datetime.date.today() + datetime.timedelta(days=365), live=False,
    )
    if body is not None:
        page.body = body
    page.agencies.set(list(Agency.objects.filter(slug__in=agencies)))
    case_study_index().add_child(instance=page)
    page.save_revision()
    return page


def section(heading, html):
    return ("situation", {"heading": heading, "text": RichText(html)})


def paragraph(html):
    return ("paragraph", RichText(html))


def edit_post_data(page, summary=None, **extra):
    """POST data for the admin edit view of ``page`` (a one-paragraph body), plus ``extra``."""
    data = {
        "title": page.title, "slug": page.slug, "summary": summary if summary is not None else page.summary,
        "area": page.area_id, "year": page.year, "agencies": [a.pk for a in page.agencies.all()],
        "stage": page.stage_id, "consent_position": page.consent_position, "outcome": page.outcome,
        "evidence_type": page.evidence_type_id, "limitations": page.limitations,
        "review_due": page.review_due.isoformat(), "last_reviewed": "", "themes": "",
    }
    data.update(nested_form_data({
        "body": streamfield([("paragraph", rich_text("<p>Child A was referred by the school.</p>"))]),
        "related_items": inline_formset([]),
    }))
    data.update(extra)
    return data


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
