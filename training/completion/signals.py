"""Programme completion follows the learning record: each new event that could complete a
module re-evaluates the person's open enrolments, and booking a place on a programme's
session enrols the person in that programme.

Run in the same transaction as the event, inside a savepoint: the completion, its
``completed`` event and its certificate are written with the event that caused them (or
not at all), and a failure here is logged and rolled back to the savepoint without
undoing what the person did (the register mark, the watched video). The next event,
or opening "My learning", evaluates again: ``progress.evaluate`` is idempotent.

Cheap by design: events that never complete a module (viewed, an answer, a cancelled
booking) and events about other things (a champion's profile) return before any query,
and a person with no open enrolment costs one query.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save

logger = logging.getLogger(__name__)

EVENT_MODEL = "learning_record.LearningEvent"

# The verbs that can complete a module, or (booked) enrol the person.
MATTERS = {"watched_to_end", "completed", "reflected", "attended", "booked"}
# The things modules are about, by "app_label.model".
MODULE_OBJECTS = {
    "training.scenariopage",
    "case_studies.casestudypage",
    "training.session",
    "training.inductionprogrammepage",
}


def _natural(content_type_id):
    content_type = ContentType.objects.get_for_id(content_type_id)  # cached after the first
    return f"{content_type.app_label}.{content_type.model}"


def event_recorded(sender, instance, created, raw=False, **kwargs):
    """post_save of a LearningEvent: enrol on booking, then re-evaluate completion."""
    if raw or not created or instance.verb not in MATTERS:
        return
    natural = _natural(instance.content_type_id)
    if natural not in MODULE_OBJECTS:
        return
    if natural == "training.inductionprogrammepage" and "cycle" in (instance.data or {}):
        return  # the completion's own event, recorded by evaluate itself
    try:
        with transaction.atomic():
            _re_evaluate(instance, natural)
    except Exception:  # never undo the person's action over a completion rule
        logger.exception("Could not re-evaluate completion after learning event %s", instance.pk)


def _re_evaluate(event, natural):
    from . import progress

    user = event.user
    if event.verb == "booked" and natural == "training.session":
        from ..models import InductionProgrammePage, Session

        programme_id = (
            Session.objects.filter(pk=event.object_id).values_list("programme_id", flat=True).first()
        )
        programme = InductionProgrammePage.objects.filter(pk=programme_id).first() if programme_id else None
        if programme is not None:
            progress.enrol(user, programme)  # evaluates that programme when it enrols
        return  # a booking completes nothing by itself
    progress.evaluate(user)


def connect():
    """Connect the receivers that re-evaluate completion when a learning event is recorded."""
    post_save.connect(event_recorded, sender=EVENT_MODEL, dispatch_uid="completion-re-evaluate")
