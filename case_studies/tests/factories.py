"""The one factory for case study pages (and their index), used by every app's tests and
the search benchmark.

A story can be made in three states, each for a reason:

* ``"live"`` (default): inserted live directly with the anonymisation guard suspended for
  that insert only. Fast, for listings of hundreds of stories; the guard has its own tests.
* ``"published"``: published the way the site publishes, through the anonymisation check's
  ``clear_and_publish`` (the text must pass the check), so it is indexed for search.
* ``"draft"``: one saved revision, never published, for the review workflow's tests.
"""

import itertools
from datetime import date, timedelta

from django.utils.text import slugify

from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from case_studies.review import ensure_case_study_workflow
from cms.anonymisation.guard import is_guarded
from cms.anonymisation.publishing import clear_and_publish
from cms.anonymisation.testing import publish_guard_suspended
from cms.home.models import HomePage
from cms.taxonomy.models import Agency, Area, ConcernType, EvidenceType, JourneyStage, Theme

_counter = itertools.count(1)

STATES = ("live", "published", "draft")
CLEAN_SUMMARY = "Child A's school shared a worry with early help, and the family got support quickly."
CLEAN_OUTCOME = "Child A now attends regularly and the family feel listened to."


def publish(page, user=None):
    """Publish ``page``'s latest content as the site would: guarded pages through the check."""
    if is_guarded(page):
        findings = clear_and_publish(page, user=user, attest_by_system=True)
        assert not findings, f"test page failed the anonymisation check: {findings}"
    else:
        page.save_revision(user=user).publish(user=user)
        page.refresh_from_db()
    return page


def case_study_index():
    """The case study index (created and published under the home page if missing), with its
    review workflow."""
    index = CaseStudyIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=CaseStudyIndexPage(title="Case studies", slug="case-studies")
        )
        publish(index)
    ensure_case_study_workflow(index)
    return index


def make_case_study(
    title=None,
    *,
    state="live",
    summary=CLEAN_SUMMARY,
    outcome=CLEAN_OUTCOME,
    area="leeds",
    year=2022,
    stage="referral",
    agencies=("police",),
    concerns=(),
    themes=(),
    evidence="practitioner-account",
    consent="consent-given",
    limitations="",
    body=None,
    review_due=None,
    parent=None,
    **fields,
):
    """A CaseStudyPage in ``state`` (see the module docstring), with taxonomy given by slug."""
    if state not in STATES:
        raise ValueError(f"state must be one of {STATES}")
    number = next(_counter)
    title = title or f"Story {number}"
    page = CaseStudyPage(
        title=title,
        slug=fields.pop("slug", f"{slugify(title)[:40]}-{number}"),
        summary=summary,
        outcome=outcome,
        area=Area.objects.get(slug=area),
        year=year,
        stage=JourneyStage.objects.get(slug=stage),
        consent_position=consent,
        evidence_type=EvidenceType.objects.get(slug=evidence),
        limitations=limitations,
        review_due=review_due or date.today() + timedelta(days=365),
        live=state == "live",
        **fields,
    )
    if body is not None:
        page.body = body
    page.agencies = list(Agency.objects.filter(slug__in=agencies))
    page.concern_types = list(ConcernType.objects.filter(slug__in=concerns))
    page.themes.set(list(Theme.objects.filter(slug__in=themes)))
    parent = parent or case_study_index()
    if state == "live":
        with publish_guard_suspended(CaseStudyPage):
            parent.add_child(instance=page)
    else:
        parent.add_child(instance=page)
        if state == "published":
            publish(page)
        else:
            page.save_revision()
    return page
