"""The only thing the decision aid stores: how many people took each path to an outcome.

A path is node ids and answer numbers (``purpose:1/identifiable:1/confidential:2``), never
who took it or when beyond the day of the last one. Counting is race-safe: an ``F()``
update, and on a miss a create that falls back to the update if another request created
the row first (the unique constraint on tree and path decides).
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import PathCount
from .tree import format_path, path_key

MAX_KEY_LENGTH = PathCount._meta.get_field("path").max_length


def key_for(walked):
    key = path_key(walked)
    if len(key) > MAX_KEY_LENGTH:  # a very long path: answer numbers alone are unique too
        key = "answers:" + format_path(walked.path)
    return key[:MAX_KEY_LENGTH]


def count_path(tree, walked):
    """Add one to the count of this completed walk (its ``current`` is the outcome)."""
    key = key_for(walked)
    today = timezone.localdate()
    rows = PathCount.objects.filter(tree=tree, path=key)
    if rows.update(count=F("count") + 1, last_taken_on=today, outcome=walked.current.id):
        return
    try:
        with transaction.atomic():
            PathCount.objects.create(tree=tree, path=key, outcome=walked.current.id, count=1)
    except IntegrityError:  # created by a request running at the same time
        rows.update(count=F("count") + 1, last_taken_on=today, outcome=walked.current.id)
