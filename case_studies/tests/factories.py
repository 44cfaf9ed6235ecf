"""Build case study pages quickly for tests (saved live directly; no publishing workflow)."""

import itertools
from datetime import date, timedelta

from cms.anonymisation.testing import publish_guard_suspended
from cms.home.models import HomePage
from cms.taxonomy.models import Agency, Area, ConcernType, EvidenceType, JourneyStage, Theme

from case_studies.models import CaseStudyIndexPage, CaseStudyPage

_counter = itertools.count(1)


def case_study_index():
    index = CaseStudyIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(instance=CaseStudyIndexPage(title="Case studies", slug="case-studies"))
    return index


def make_case_study(title=None, *, agencies=("police",), stage="referral", concerns=(), themes=(), area="leeds",
                    year=2022, evidence="practitioner-account", live=True, consent="consent-given",
                    review_due=None, parent=None, **fields):
    number = next(_counter)
    page = CaseStudyPage(
        title=title or f"Story {number}", slug=fields.pop("slug", f"story-{number}"),
        summary=fields.pop("summary", "A short summary of what was shared and the outcome."),
        area=Area.objects.get(slug=area), year=year, stage=JourneyStage.objects.get(slug=stage),
        consent_position=consent, outcome=fields.pop("outcome", "The child was safer."),
        evidence_type=EvidenceType.objects.get(slug=evidence),
        review_due=review_due or date.today() + timedelta(days=365), live=live, **fields,
    )
    page.agencies = list(Agency.objects.filter(slug__in=agencies))
    page.concern_types = list(ConcernType.objects.filter(slug__in=concerns))
    page.themes.set(list(Theme.objects.filter(slug__in=themes)))
    # Saved live directly for speed: the anonymisation publish guard (tested on its own)
    # is switched off for this insert only.
    with publish_guard_suspended(CaseStudyPage):
        (parent or case_study_index()).add_child(instance=page)
    return page
