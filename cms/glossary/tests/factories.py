"""Glossary terms for tests."""

from datetime import date, timedelta

from cms.glossary.models import GlossaryTerm, TermReading
from cms.taxonomy.models import Agency


def make_term(term, *, slug=None, expansion="", meaning=None, aliases="", agencies=(), readings=(), **extra):
    from django.utils.text import slugify

    obj = GlossaryTerm(
        term=term,
        slug=slug or slugify(term),
        expansion=expansion,
        meaning=meaning or f"What {term} means, in plain words.",
        aliases=aliases,
        review_date=extra.pop("review_date", date.today() + timedelta(days=365)),
        **extra,
    )
    obj.agencies.set(list(Agency.objects.filter(slug__in=agencies)))
    obj.readings = [
        TermReading(agency=Agency.objects.get(slug=slug_), reading=text, sort_order=n)
        for n, (slug_, text) in enumerate(readings)
    ]
    obj.save()
    return obj
