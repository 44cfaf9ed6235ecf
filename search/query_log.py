"""Search analytics for editors, with no personal data.

* What people search for: Wagtail's ``search_promotions`` ``Query`` / daily hits.
* What finds nothing: :class:`search.models.ZeroResultQuery` (query text, day, count).

Neither stores a user, IP address or session. A query that looks like it contains
personal data (email address, phone number, postcode, NHS number, a name ...) is
dropped entirely: practitioners sometimes paste case details into a search box, and
this site must never become a store of them.
"""

import logging
import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

logger = logging.getLogger(__name__)

# Kinds reported by the anonymisation detector that make a query unfit to store.
# ("small_number" is left out: "16 year old" is a fine query.)
PERSONAL_KINDS = {
    "nhs_number", "ni_number", "date_of_birth", "email", "phone", "postcode",
    "address", "school_name", "person_name", "exact_date", "reference_number",
}

# Fallbacks when the detector can't be imported (it lives in another app).
_FALLBACK_PATTERNS = [
    re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"),  # email
    re.compile(r"(?:\+?44|0)\s*\d(?:[\s-]*\d){8,10}"),  # UK phone
    re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I),  # postcode
    re.compile(r"\b\d{3}\s*\d{3}\s*\d{4}\b"),  # NHS number
]


def contains_personal_data(text):
    """True if ``text`` looks like it holds personal data."""
    if not text:
        return False
    for pattern in _FALLBACK_PATTERNS:
        if pattern.search(text):
            return True
    try:
        from case_studies.anonymisation import scan_text
    except ImportError:  # pragma: no cover - detector not installed
        return False
    try:
        return any(f.kind in PERSONAL_KINDS for f in scan_text(text))
    except Exception:  # pragma: no cover - a detector bug must not break search
        logger.exception("Anonymisation scan of a search query failed; not logging it")
        return True


def normalise(text):
    return normalise_query_string(text or "")[:MAX_QUERY_STRING_LENGTH].strip()


def record_search(query_text, *, result_count, log_zero=True):
    """Record one search (page 1 of results). Returns False if it was dropped."""
    text = normalise(query_text)
    if not text or contains_personal_data(query_text):
        return False
    try:
        from wagtail.contrib.search_promotions.models import Query

        Query.get(text).add_hit()
    except IntegrityError:  # two requests created the same Query at once
        pass
    if result_count == 0 and log_zero:
        record_zero_result(text)
    return True


def record_zero_result(text, date=None):
    from .models import ZeroResultQuery

    date = date or timezone.localdate()
    updated = ZeroResultQuery.objects.filter(query_text=text, date=date).update(count=F("count") + 1)
    if updated:
        return
    try:
        with transaction.atomic():
            ZeroResultQuery.objects.create(query_text=text, date=date, count=1)
    except IntegrityError:  # created concurrently: count this one on top
        ZeroResultQuery.objects.filter(query_text=text, date=date).update(count=F("count") + 1)
