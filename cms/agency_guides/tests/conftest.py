import datetime

import pytest
from django.utils import timezone

from cms.agency_guides.demo import stream_data
from cms.agency_guides.demo_guides import GUIDES
from cms.agency_guides.models import AgencyGuide
from cms.glossary.demo_terms import TERMS
from cms.glossary.models import GlossaryTerm
from cms.taxonomy.models import Agency

TERMS_BY_NAME = {spec["term"]: spec for spec in TERMS}


def make_term(name):
    spec = TERMS_BY_NAME[name]
    from django.utils.text import slugify

    term, _ = GlossaryTerm.objects.get_or_create(
        term=name,
        defaults={
            "slug": slugify(name),
            "expansion": spec["expansion"],
            "meaning": spec["meaning"],
            "review_date": timezone.localdate() + datetime.timedelta(days=365),
        },
    )
    return term


@pytest.fixture
def glossary_terms(db):
    """Every term the demo guides name, as the glossary would hold it."""
    names = sorted({name for spec in GUIDES.values() for name in spec["common_terms"]})
    return {name: make_term(name) for name in names}


def make_guide(slug, *, terms=None, **changes):
    """A guide with the demo content for agency `slug` (terms: names to link, default all)."""
    spec = {**GUIDES[slug], **changes}
    guide = AgencyGuide(
        agency=Agency.objects.get(slug=slug),
        summary=spec["summary"],
        what_it_does=spec["what_it_does"],
        can_share=spec["can_share"],
        review_date=datetime.date(2027, 11, 22),
        **stream_data(spec),
    )
    names = spec["common_terms"] if terms is None else terms
    guide.common_terms.set([make_term(name) for name in names])
    guide.save()
    return guide
