"""Demo glossary: every term in demo_terms.TERMS, with its agencies, readings and aliases.

Idempotent: a rerun changes nothing. A term is found by its term (else its slug) and only
written when it differs from the list; its review date is set a year ahead when it is
created and then left to its steward, and its steward is the demo editor
(editor@example.org, from cms/users/demo.py) when that account exists and the term has none.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from cms.taxonomy.models import Agency

from .demo_terms import TERMS, check
from .models import GlossaryTerm, TermReading

EDITOR_EMAIL = "editor@example.org"
REVIEW_AFTER_DAYS = 365


def unique_slugs(terms):
    """{term: slug} from slugify(term), made unique with -2, -3 ... in list order."""
    slugs, used = {}, set()
    for entry in terms:
        base = slugify(entry["term"])[:76] or "term"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        slugs[entry["term"]] = slug
    return slugs


def _readings_of(term):
    return [(reading.agency.slug, reading.reading) for reading in term.readings.all()]


@transaction.atomic
def load(stdout):
    check(TERMS)
    agencies = {agency.slug: agency for agency in Agency.objects.all()}
    missing = sorted({slug for e in TERMS for slug in e["agencies"]} - set(agencies))
    missing += sorted({r["agency"] for e in TERMS for r in e["readings"]} - set(agencies) - set(missing))
    if missing:
        raise ValueError(f"glossary demo: unknown agencies {missing}")
    steward = get_user_model().objects.filter(email=EDITOR_EMAIL).first()
    slugs = unique_slugs(TERMS)
    existing = GlossaryTerm.objects.prefetch_related("agencies", "readings__agency")
    by_term = {term.term: term for term in existing}
    by_slug = {term.slug: term for term in by_term.values()}
    created = updated = 0
    for entry in TERMS:
        term = by_term.get(entry["term"]) or by_slug.get(slugs[entry["term"]])
        if term is None:
            term = GlossaryTerm(
                term=entry["term"], review_date=date.today() + timedelta(days=REVIEW_AFTER_DAYS)
            )
            is_new = True
        else:
            is_new = False
        changed = is_new
        fields = {
            "term": entry["term"],
            "slug": slugs[entry["term"]],
            "expansion": entry["expansion"],
            "meaning": entry["meaning"],
            "aliases": ", ".join(entry["aliases"]),
        }
        for name, value in fields.items():
            if getattr(term, name) != value:
                setattr(term, name, value)
                changed = True
        if term.steward_id is None and steward is not None:
            term.steward = steward
            changed = True
        wanted_agencies = sorted(entry["agencies"])
        if is_new or sorted(agency.slug for agency in term.agencies.all()) != wanted_agencies:
            term.agencies.set([agencies[slug] for slug in entry["agencies"]])
            changed = True
        wanted_readings = [(r["agency"], r["reading"]) for r in entry["readings"]]
        if is_new or _readings_of(term) != wanted_readings:
            term.readings = [
                TermReading(agency=agencies[slug], reading=text, sort_order=n)
                for n, (slug, text) in enumerate(wanted_readings)
            ]
            changed = True
        if changed:
            term.save()
            created += is_new
            updated += not is_new
    readings = sum(len(entry["readings"]) for entry in TERMS)
    summary = f"{len(TERMS)} glossary terms ({created} new, {updated} updated), {readings} agency readings"
    if steward is None:
        summary += "; no stewards (the demo editor account does not exist)"
    return summary
