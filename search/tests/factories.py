"""Small factory for case study pages used by the search tests (and the benchmark).

Publishing goes through :func:`publish`, which uses the anonymisation check's own
``clear_and_publish`` for guarded pages, as the demo loader and importer do.
"""

import datetime
import itertools

from django.utils.text import slugify

_counter = itertools.count(1)


def publish(page, user=None):
    """Publish ``page``'s latest content; case studies go through the anonymisation check."""
    from cms.anonymisation.guard import is_guarded
    from cms.anonymisation.publishing import clear_and_publish

    if is_guarded(page):
        findings = clear_and_publish(page, user=user, attest_by_system=True)
        assert not findings, f"test page failed the anonymisation check: {findings}"
    else:
        page.save_revision(user=user).publish(user=user)
        page.refresh_from_db()
    return page


def case_study_index():
    from case_studies.models import CaseStudyIndexPage
    from cms.home.models import HomePage

    index = CaseStudyIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.get()
        index = CaseStudyIndexPage(title="Case studies", slug="case-studies")
        home.add_child(instance=index)
        publish(index)
    return index


def make_case_study(
    title=None,
    *,
    summary="A school and the GP shared a worry early and the family got help.",
    outcome="The family accepted early help and things improved for the child.",
    area="leeds",
    year=2023,
    stage="referral",
    agencies=("education", "health"),
    themes=("consent",),
    evidence="practitioner-account",
    limitations="",
    body=None,
    live=True,
    parent=None,
):
    """Create a CaseStudyPage (published unless ``live=False``) and return it."""
    from case_studies.models import CaseStudyPage
    from cms.taxonomy.models import Agency, Area, EvidenceType, JourneyStage, Theme

    n = next(_counter)
    title = title or f"Case study {n}"
    area_obj = Area.objects.filter(slug=area).first() or Area.objects.create(
        name=area.replace("-", " ").title(), slug=area
    )
    page = CaseStudyPage(
        title=title,
        slug=f"{slugify(title)[:40]}-{n}",
        summary=summary,
        outcome=outcome,
        area=area_obj,
        year=year,
        stage=JourneyStage.objects.get(slug=stage),
        consent_position="consent-given",
        evidence_type=EvidenceType.objects.get(slug=evidence),
        limitations=limitations,
        review_due=datetime.date.today() + datetime.timedelta(days=365),
        live=False,
    )
    if body is not None:
        page.body = body
    page.agencies.set(list(Agency.objects.filter(slug__in=agencies)))
    page.themes.set(list(Theme.objects.filter(slug__in=themes)))
    (parent or case_study_index()).add_child(instance=page)
    if live:
        publish(page)
    else:
        page.save_revision()
    return page
