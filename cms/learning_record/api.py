"""The learning record: the one seam the feature apps share for progress.

Case studies, video scenarios, training sessions and champions never import one
another. Each says what a person did with ``record_event``; completion rules (and a
person's own learning page) read it back with ``events_for``. So a feature app can be
added, changed or removed without touching the others, completion never needs to
know how a feature stores its content, and "download my data" and account deletion
cover everyone's progress in one place. Feature apps use only these functions and
``Verb``: never ``LearningEvent`` directly.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .models import LearningEvent, Verb, validate_event_data

__all__ = ["Verb", "everyone_events", "events_for", "record_event"]


def _verb(verb):
    if verb not in Verb.values:
        raise ValueError(f"Unknown learning verb {verb!r}: use one of {', '.join(Verb.values)}.")
    return Verb(verb)


def _reference(obj):
    """(content type, id) of a saved page or model instance; a page under its specific type."""
    if obj is None or obj.pk is None:
        raise ValueError("Learning events are about saved objects only.")
    if not isinstance(obj.pk, int):
        raise ValueError(f"Learning events need an integer primary key, not {obj.pk!r}.")
    if isinstance(obj, Page):
        # Page and CaseStudyPage instances of one page must be the same object here.
        return ContentType.objects.get_for_id(obj.content_type_id), obj.pk
    return ContentType.objects.get_for_model(obj), obj.pk


def _is_person(user):
    return user is not None and user.is_authenticated


def record_event(user, verb, obj, *, data=None, occurred_at=None, once=False):
    """Record that `user` did `verb` to `obj` (a page or any saved model instance).

    Returns the event, or None for an anonymous visitor (nothing is kept about them).
    Raises ValueError for an unknown verb or an unsaved object, and ValidationError
    if `data` is not a small dict of facts (see ``validate_event_data``). With
    ``once=True`` an existing event with the same user, verb and object is returned
    instead of adding another, also when two requests race.
    """
    verb = _verb(verb)
    data = {} if data is None else data
    validate_event_data(data)
    content_type, object_id = _reference(obj)
    if not _is_person(user):
        return None
    key = {"user": user, "verb": verb, "content_type": content_type, "object_id": object_id}
    event = LearningEvent(**key, data=data, occurred_at=occurred_at or timezone.now())
    if not once:
        event.save()
        return event
    # "Once" cannot be a unique constraint: the same verb on the same object may be
    # recorded many times by other calls (viewed twice). Nor get_or_create, which is
    # only race-free with a unique constraint behind it. So lock the person's user row
    # first: "once" calls for one person then run one at a time, and the second sees
    # the first's event. Only that person's own requests ever wait. (SQLite ignores
    # FOR UPDATE, but our settings begin every transaction IMMEDIATE, which takes the
    # database write lock first: the same one-at-a-time.)
    with transaction.atomic():
        list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
        existing = LearningEvent.objects.filter(**key).order_by("occurred_at", "id").first()
        if existing is not None:
            return existing
        event.save()
    return event


def events_for(user, verb=None, obj=None):
    """The person's events, oldest first, optionally of one verb and/or about one object.

    A queryset, so completion rules can count, filter by date or check ``.exists()``.
    Empty for an anonymous visitor.
    """
    if not _is_person(user):
        return LearningEvent.objects.none()
    events = LearningEvent.objects.filter(user=user)
    if verb is not None:
        events = events.filter(verb=_verb(verb))
    if obj is not None:
        content_type, object_id = _reference(obj)
        events = events.filter(content_type=content_type, object_id=object_id)
    return events


def everyone_events(verb, model):
    """Everyone's events of ``verb`` about objects of ``model``: for aggregate counts only
    (GROUP BY, as the learning dashboard counts), never to list a person's events."""
    return LearningEvent.objects.filter(
        verb=_verb(verb), content_type=ContentType.objects.get_for_model(model)
    )
