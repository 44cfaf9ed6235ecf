"""Search analytics for editors, with no personal data.

* What people search for: Wagtail's ``search_promotions`` ``Query`` / daily hits.
* What finds nothing: :class:`search.models.ZeroResultQuery` (query text, day, count).

Neither stores a user, IP address or session. A query that looks like it contains
personal data (email address, phone number, postcode, NHS number, a name ...) is
dropped entirely: practitioners sometimes paste case details into a search box, and
this site must never become a store of them.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from cms.anonymisation.detection import contains_personal_data


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
