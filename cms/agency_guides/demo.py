"""Demo agency guides (``demo_guides.GUIDES``), for ``manage.py load_demo_content``.

Runs after the demo accounts and the glossary (INSTALLED_APPS order). One guide per agency
in GUIDES, found by the agency's slug; its common terms are glossary terms found by their
``term`` (a term the glossary does not have is skipped with a warning line). The steward is
the demo Editor (editor@example.org) when that account exists, else nobody; the review date
is a year ahead.

Idempotent: a guide whose content is already what the demo says is not saved again. One
someone changed while trying the demo is put back. The review date is set when the guide
is created, or when it has passed; a steward someone chose is kept.
"""

import datetime

from django.utils import timezone

from cms.glossary.models import GlossaryTerm
from cms.taxonomy.models import Agency
from cms.users.models import User

from .demo_guides import GUIDES
from .models import AgencyGuide

STEWARD_EMAIL = "editor@example.org"  # the demo Editor (cms/users/demo.py)
TEXT_FIELDS = ("summary", "what_it_does", "can_share")
STREAM_FIELDS = ("tiers", "holds", "how_to_reach")


def stream_data(spec):
    """The demo guide's StreamField values, as raw (JSON-ish) stream data."""
    return {
        "tiers": [
            {
                "type": "tier",
                "value": {
                    "name": tier["name"],
                    "description": tier["description"],
                    "low": tier["examples"]["low"],
                    "medium": tier["examples"]["medium"],
                    "high": tier["examples"]["high"],
                },
            }
            for tier in spec["tiers"]
        ],
        "holds": [{"type": "item", "value": item} for item in spec["holds"]],
        "how_to_reach": [
            {"type": "route", "value": {"route": route["route"], "when": route["when"]}}
            for route in spec["how_to_reach"]
        ],
    }


def _stream_as_data(value):
    return [{"type": block["type"], "value": block["value"]} for block in value.raw_data]


def load(stdout):
    today = timezone.localdate()
    review_date = today + datetime.timedelta(days=365)
    steward = User.objects.filter(email=STEWARD_EMAIL).first()
    agencies = Agency.objects.in_bulk([*GUIDES], field_name="slug")
    wanted_terms = {term for spec in GUIDES.values() for term in spec["common_terms"]}
    terms = GlossaryTerm.objects.in_bulk(wanted_terms, field_name="term")
    existing = {guide.agency_id: guide for guide in AgencyGuide.objects.prefetch_related("common_terms")}

    created = updated = unchanged = 0
    for slug, spec in GUIDES.items():
        agency = agencies.get(slug)
        if agency is None:
            stdout.write(f"  Warning: no agency with slug {slug!r}: its guide was skipped.")
            continue
        missing = [name for name in spec["common_terms"] if name not in terms]
        for name in missing:
            stdout.write(
                f"  Warning: the glossary has no term {name!r}: left out of the {agency.name} guide."
            )
        chosen = [terms[name] for name in spec["common_terms"] if name in terms]
        term_ids = {term.pk for term in chosen}

        guide = existing.get(agency.pk)
        is_new = guide is None
        if is_new:
            guide = AgencyGuide(agency=agency, steward=steward, review_date=review_date)
        changed = is_new
        for field in TEXT_FIELDS:
            if getattr(guide, field) != spec[field]:
                setattr(guide, field, spec[field])
                changed = True
        for field, data in stream_data(spec).items():
            if is_new or _stream_as_data(getattr(guide, field)) != data:
                setattr(guide, field, data)
                changed = True
        if guide.steward_id is None and steward is not None:
            guide.steward = steward
            changed = True
        if guide.review_date is None or guide.review_date < today:
            guide.review_date = review_date
            changed = True
        if is_new or {term.pk for term in guide.common_terms.all()} != term_ids:
            guide.common_terms.set(chosen)
            changed = True
        if changed:
            guide.save()
            created += is_new
            updated += not is_new
        else:
            unchanged += 1

    stdout.write(f"Agency guides: {created} created, {updated} updated, {unchanged} unchanged.")
