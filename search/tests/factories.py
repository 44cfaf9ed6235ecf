"""Small factory for case study pages used by the search tests (and the benchmark).

Publishing goes through ONE helper, :func:`publish`, so the lead can adapt it when the
anonymisation publish guard lands (it creates an ``AnonymisationClearance`` for the
revision when that model exists).
"""

import datetime
import itertools

from django.db import transaction
from django.utils.text import slugify

_counter = itertools.count(1)


def publish(page, user=None):
    """Publish ``page``'s latest content, satisfying the anonymisation guard if present."""
    revision = page.save_revision(user=user)
    try:
        from case_studies.anonymisation.models import AnonymisationClearance
    except ImportError:  # the guard hasn't landed (yet)
        AnonymisationClearance = None
    if AnonymisationClearance is not None:
        fields = {f.name for f in AnonymisationClearance._meta.get_fields()}
        kwargs = {"revision": revision}
        if "is_system" in fields:
            kwargs["is_system"] = True
        if user is not None:
            for name in ("attested_by", "user", "cleared_by"):
                if name in fields:
                    kwargs[name] = user
                    break
        with transaction.atomic():
            AnonymisationClearance.objects.create(**kwargs)
    revision.publish(user=user)
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
