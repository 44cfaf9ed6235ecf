"""The confidence check: before, on completing and some weeks after a programme.

One short questionnaire per stage and cycle of a programme: every
``ConfidenceStatement`` answered on a 1 to 5 agreement scale, all required, no free text.
The answers are matched per person (user, programme, cycle) for the dashboard's
before-and-after change and are never shown individually to anyone, the person included:
once a stage is answered its page only says "You answered this on <date>".

When each stage is open, for the person's current cycle (their ``Enrolment``):

- ``before``: from enrolling until the cycle is completed (an answer given afterwards
  would not be a "before");
- ``after``: from completing the cycle until the follow-up opens;
- ``follow-up``: from ``FOLLOW_UP_AFTER`` (8 weeks) after completing the cycle, with no end.

A cycle is completed when its ``Enrolment.completed_at`` is set or a
``ProgrammeCompletion`` exists for it. A stage already answered is closed for good (the
unique constraint on the answers makes a second submission, even a simultaneous one,
change nothing). A refresher starts a new cycle, with its own three stages; the previous
cycle's stages close with it.

``pending_checks(user)`` is the contract "My learning" calls: the questionnaires open now.
"""

import enum
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from ..choices import ConfidenceStage, ConfidenceStatement

# When the follow-up questionnaire opens, after the cycle is completed.
FOLLOW_UP_AFTER = timedelta(weeks=8)

# The agreement scale, as stored (1 to 5) and as shown.
SCALE = (
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
)

# Stages in the order they open.
STAGE_ORDER = (ConfidenceStage.BEFORE, ConfidenceStage.AFTER, ConfidenceStage.FOLLOW_UP)


@dataclass(frozen=True)
class PendingCheck:
    programme: object  # InductionProgrammePage
    stage: str  # a ConfidenceStage value
    url: str
    opened_at: object = None  # when it opened (a datetime)

    @property
    def stage_label(self):
        return ConfidenceStage(self.stage).label


@dataclass(frozen=True)
class StageStatus:
    """Where one stage of one person's current cycle of a programme stands."""

    enrolment: object
    stage: str
    completed_at: object  # when the current cycle was completed, or None
    answered_at: object  # when this stage was answered in this cycle, or None
    opens_at: object  # when it opens (or opened); None: not until the cycle is completed
    closes_at: object  # None: no fixed end

    @property
    def programme(self):
        return self.enrolment.programme

    @property
    def answered(self):
        return self.answered_at is not None

    def is_open(self, now=None):
        return not self.answered and _within(self, now or timezone.now())

    @property
    def closed_reason(self):
        """Why an unanswered stage is not open, in plain words (for the page)."""
        if self.stage == ConfidenceStage.BEFORE:
            return "This questionnaire is for before you finish the programme, and you have finished it."
        if self.completed_at is None:
            return "This questionnaire opens when you finish the programme."
        if self.stage == ConfidenceStage.AFTER:
            return "This questionnaire was for the weeks just after you finished the programme."
        return "This questionnaire opens some weeks after you finish the programme."


def _within(status, now):
    if status.opens_at is None or now < status.opens_at:
        return False
    return status.closes_at is None or now < status.closes_at


def _window(stage, enrolment, completed_at):
    """(opens_at, closes_at) for a stage of the cycle; opens_at None: not before completion."""
    if stage == ConfidenceStage.BEFORE:
        return enrolment.started_at, completed_at
    if completed_at is None:
        return None, None
    if stage == ConfidenceStage.AFTER:
        return completed_at, completed_at + FOLLOW_UP_AFTER
    return completed_at + FOLLOW_UP_AFTER, None


def _completions(user, enrolments):
    """{(programme_id, cycle): completed_at} from ProgrammeCompletion, for the enrolments' cycles."""
    from ..models import ProgrammeCompletion

    if not enrolments:
        return {}
    rows = ProgrammeCompletion.objects.filter(
        user=user, programme_id__in=[e.programme_id for e in enrolments]
    ).values_list("programme_id", "cycle", "completed_at")
    return {(programme_id, cycle): completed_at for programme_id, cycle, completed_at in rows}


def _answers(user, enrolments):
    """{(programme_id, cycle, stage): first answered_at} for the enrolments' programmes."""
    from ..models import ConfidenceResponse

    if not enrolments:
        return {}
    rows = (
        ConfidenceResponse.objects.filter(user=user, programme_id__in=[e.programme_id for e in enrolments])
        .values("programme_id", "cycle", "stage")
        .annotate(first=Min("answered_at"))
        .order_by()
    )
    return {(row["programme_id"], row["cycle"], row["stage"]): row["first"] for row in rows}


def cycle_completed_at(enrolment, completions):
    """When the enrolment's current cycle was completed, or None."""
    return enrolment.completed_at or completions.get((enrolment.programme_id, enrolment.cycle))


def _statuses(user, enrolments):
    completions = _completions(user, enrolments)
    answers = _answers(user, enrolments)
    for enrolment in enrolments:
        completed_at = cycle_completed_at(enrolment, completions)
        for stage in STAGE_ORDER:
            opens_at, closes_at = _window(stage, enrolment, completed_at)
            yield StageStatus(
                enrolment=enrolment,
                stage=stage.value,
                completed_at=completed_at,
                answered_at=answers.get((enrolment.programme_id, enrolment.cycle, stage.value)),
                opens_at=opens_at,
                closes_at=closes_at,
            )


def stage_status(user, programme_id, stage):
    """The status of ``stage`` for the user's own enrolment in the programme; None when they
    are not enrolled in it (or the stage is not a stage)."""
    from ..models import Enrolment

    if stage not in ConfidenceStage.values or not getattr(user, "is_authenticated", False):
        return None
    enrolment = (
        Enrolment.objects.filter(user=user, programme_id=programme_id).select_related("programme").first()
    )
    if enrolment is None:
        return None
    return next(status for status in _statuses(user, [enrolment]) if status.stage == stage)


def check_url(programme_id, stage):
    return reverse("my_learning:confidence", kwargs={"programme_id": programme_id, "stage": stage})


def pending_checks(user, now=None):
    """The questionnaires `user` is invited to answer now, soonest first (the one open
    longest first, then by programme title). Three queries, whatever the number of programmes."""
    from ..models import Enrolment

    if not getattr(user, "is_authenticated", False):
        return []
    now = now or timezone.now()
    enrolments = list(Enrolment.objects.filter(user=user, programme__live=True).select_related("programme"))
    pending = [
        PendingCheck(
            programme=status.programme,
            stage=status.stage,
            url=check_url(status.enrolment.programme_id, status.stage),
            opened_at=status.opens_at,
        )
        for status in _statuses(user, enrolments)
        if status.is_open(now)
    ]
    pending.sort(key=lambda check: (check.opened_at, check.programme.title, check.programme.pk))
    return pending


class Outcome(enum.Enum):
    SAVED = "saved"
    ALREADY_ANSWERED = "already-answered"  # nothing changed
    NOT_OPEN = "not-open"  # nothing saved
    NOT_ENROLLED = "not-enrolled"  # nothing saved


def save_answers(user, programme_id, stage, scores, now=None):
    """Record the user's answers to one stage of their current cycle of the programme.

    ``scores``: {ConfidenceStatement value: 1 to 5}, one for every statement. All are
    saved or none: a second submission (even one racing the first) hits the unique
    constraint and changes nothing. Returns an ``Outcome``.
    """
    from ..models import ConfidenceResponse

    now = now or timezone.now()
    expected = set(ConfidenceStatement.values)
    if set(scores) != expected or any(int(score) not in range(1, 6) for score in scores.values()):
        raise ValueError("Every statement needs a score from 1 to 5.")
    status = stage_status(user, programme_id, stage)
    if status is None:
        return Outcome.NOT_ENROLLED
    if status.answered:
        return Outcome.ALREADY_ANSWERED
    if not status.is_open(now):
        return Outcome.NOT_OPEN
    rows = [
        ConfidenceResponse(
            user=user,
            programme_id=programme_id,
            cycle=status.enrolment.cycle,
            stage=stage,
            statement=statement,
            score=int(scores[statement]),
            answered_at=now,
        )
        for statement in ConfidenceStatement.values
    ]
    try:
        with transaction.atomic():
            ConfidenceResponse.objects.bulk_create(rows)
    except IntegrityError:
        return Outcome.ALREADY_ANSWERED  # answered meanwhile (a double submit)
    return Outcome.SAVED
