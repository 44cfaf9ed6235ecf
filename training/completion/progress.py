"""Module and programme progress, enrolment, completion and refreshers.

Nothing about progress is stored here: every state is worked out from the learning
record (``cms.learning_record``), which the feature apps write to through
``record_event``. So a rule can change (say, a case study also counting as done when
reflected on) without migrating anything, and account deletion removes the progress
with the events. What *is* stored (``training.models.completion``) is only what the
learning record cannot say: which cycle of a programme a person is on, and the
completed cycles with their certificates.

The rules, per module kind (a module is one block of the programme's ``modules``):

* video scenario: completed when ``watched_to_end`` is recorded on its page; in
  progress after any other event on it (viewed, a decision point answered, reflected);
* case study: completed on ``completed`` ("I've read this") or ``reflected``; in
  progress once ``viewed``;
* in-person session: completed on ``attended`` (the trainer's register) for a session
  of the programme whose format is the module's (any session of the programme if it
  has none of that format); in progress while booked (a ``booked`` not followed by a
  ``cancelled_booking``, on a session that has not been cancelled);
* shadowing placement: completed on a ``completed`` event on the programme page with
  ``{"module": <block id>}``, recorded when the practitioner marks it done.

Cycle 1 counts every event, also from before the person enrolled: reading a case study
last month counts towards the programme they start today. A refresher starts the next
cycle, which counts only events at or after its ``started_at``.

Reading is query-light on purpose: progress for any number of programmes costs the same
handful of queries (the chosen pages, the programmes' sessions, the shadowing hosts'
names and the person's events, each read once in bulk), so "My learning" and the
programme page do not slow down as people enrol in more programmes or editors add
modules. Block values are read from the StreamField's raw data for the same reason:
turning each programme's blocks into objects would cost queries per programme.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from cms.learning_record.api import Verb, events_for, record_event

from ..booking.presenters import MODULE_LABELS, length_words
from ..choices import ModuleState, SessionStatus
from ..models import Enrolment, InductionProgrammePage, ProgrammeCompletion, Session

logger = logging.getLogger(__name__)

# A refresher can be started from this long before it falls due (and any time after):
# early enough to fit a refresher session into a busy term, late enough that a cycle
# means a year's gap (or whatever the programme's interval is), not two runs back to back.
REFRESHER_OPENS_BEFORE = timedelta(days=60)

MODULE_KINDS = ("scenario", "case_study", "session", "shadowing")

# What each page or model is called in "My learning" and its CSV, by "app_label.model".
ITEM_KINDS = {
    "training.scenariopage": "Video scenario",
    "case_studies.casestudypage": "Case study",
    "training.inductionprogrammepage": "Induction programme",
    "training.session": "In-person session",
}


class CompletionError(Exception):
    """A request that cannot be met; ``message`` is shown to the person as it is."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


class RefresherNotAvailable(CompletionError):
    pass


# -- what is returned ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleProgress:
    id: str  # the StreamField block's id: stable when editors reorder modules
    kind: str  # scenario, case_study, session, shadowing
    title: str
    required: bool
    state: ModuleState
    completed_at: datetime | None
    url: str
    started_at: datetime | None = None  # the first event that counted, if any

    @property
    def label(self):
        return MODULE_LABELS.get(self.kind, self.kind)

    @property
    def state_label(self):
        return ModuleState(self.state).label

    @property
    def completed(self):
        return self.state == ModuleState.COMPLETED

    @property
    def certificate_title(self):
        """How the module reads on a certificate: a placement says it was one."""
        return f"{self.label}: {self.title}" if self.kind == "shadowing" else self.title


@dataclass
class ProgrammeProgress:
    programme: InductionProgrammePage
    enrolment: Enrolment | None
    modules: list
    required_done: int
    required_total: int
    percent: int  # of required modules completed, 0 to 100
    requirements_met: bool  # every required module completed (and there is at least one)
    complete: bool  # this cycle's completion is recorded
    refresher_due_at: datetime | None
    refresher_opens_at: datetime | None = None
    refresher_available: bool = False  # start_refresher would succeed now

    @property
    def cycle(self):
        return self.enrolment.cycle if self.enrolment else 1

    @property
    def completed_at(self):
        return self.enrolment.completed_at if self.enrolment else None

    @property
    def refresher_overdue(self):
        return self.refresher_due_at is not None and self.refresher_due_at <= timezone.now()

    @property
    def next_module(self):
        """The first module not yet completed, required ones first: where "Continue" goes."""
        for required in (True, False):
            for module in self.modules:
                if module.required == required and not module.completed:
                    return module
        return None


@dataclass(frozen=True)
class ItemState:
    """One thing a person has done something with, for "My learning" and its CSV."""

    key: str  # "<content type id>:<object id>", unique per item
    kind: str  # e.g. "Case study"
    title: str
    url: str
    state: ModuleState
    started_at: datetime | None
    completed_at: datetime | None
    last_activity_at: datetime | None = None

    @property
    def state_label(self):
        return ModuleState(self.state).label


# -- reading the programme's blocks ---------------------------------------------------------------


def module_specs(programme):
    """The programme's modules as plain dicts from the StreamField's raw data, in order.

    Raw data, not block values: a value's page chooser costs a query per programme, and
    "My learning" reads every enrolled programme at once. Blocks of unknown kinds and
    blocks without an id (never saved through Wagtail) are left out."""
    specs = []
    for raw in programme.modules.raw_data:
        kind, value, block_id = raw.get("type"), raw.get("value") or {}, raw.get("id")
        if kind not in MODULE_KINDS or not block_id:
            continue
        spec = {"id": str(block_id), "kind": kind, "required": value.get("required", True) is not False}
        if kind in ("scenario", "case_study"):
            spec["page_id"] = value.get("page")
        elif kind == "session":
            spec.update(format=value.get("format") or "", title=value.get("title") or "")
        else:
            spec.update(
                host_agency=value.get("host_agency") or "",
                length=value.get("length") or 0,
                unit=value.get("unit") or "days",
            )
        specs.append(spec)
    return specs


def find_module(programme, module_id):
    """The spec of the module with block id `module_id`, or None."""
    return next((spec for spec in module_specs(programme) if spec["id"] == module_id), None)


# -- one bulk read for any number of programmes -------------------------------------------------


@dataclass
class _Record:
    """Everything progress needs, read once: pages, sessions, host names and events."""

    pages: dict = field(default_factory=dict)  # page id -> Page (base class: title, url)
    sessions: dict = field(default_factory=dict)  # programme id -> [(pk, format, status)]
    agency_names: dict = field(default_factory=dict)  # slug -> name
    events: dict = field(default_factory=dict)  # (content type id, object id) -> [event tuples]


def _event_rows(queryset):
    return queryset.order_by("occurred_at", "id").values_list(
        "verb", "content_type_id", "object_id", "occurred_at", "data"
    )


def _group_events(rows):
    events = defaultdict(list)
    for verb, content_type_id, object_id, occurred_at, data in rows:
        events[(content_type_id, object_id)].append((verb, occurred_at, data or {}))
    return events


def _read(user, programmes, events=None):
    """The pages, sessions and events progress in `programmes` depends on.

    `events` (grouped as ``_group_events`` does) is the person's events already read;
    without it only the events about these programmes' modules are read."""
    from cms.taxonomy.models import Agency

    record = _Record()
    specs = {programme.pk: module_specs(programme) for programme in programmes}
    page_ids = {spec["page_id"] for rows in specs.values() for spec in rows if spec.get("page_id")}
    slugs = {spec["host_agency"] for rows in specs.values() for spec in rows if spec["kind"] == "shadowing"}
    if page_ids:
        record.pages = Page.objects.in_bulk(page_ids)
    if any(spec["kind"] == "session" for rows in specs.values() for spec in rows):
        rows = Session.objects.filter(programme__in=[programme.pk for programme in programmes]).values_list(
            "pk", "programme_id", "format", "status"
        )
        for pk, programme_id, session_format, status in rows.order_by():
            record.sessions.setdefault(programme_id, []).append((pk, session_format, status))
    if slugs:
        record.agency_names = dict(Agency.objects.filter(slug__in=slugs).values_list("slug", "name"))
    if events is not None:
        record.events = events
        return record
    condition = Q()
    by_type = defaultdict(set)
    for page in record.pages.values():
        by_type[page.content_type_id].add(page.pk)
    session_type = ContentType.objects.get_for_model(Session).pk
    by_type[session_type] |= {pk for rows in record.sessions.values() for pk, _, _ in rows}
    for programme in programmes:
        by_type[programme.content_type_id].add(programme.pk)
    for content_type_id, ids in by_type.items():
        if ids:
            condition |= Q(content_type_id=content_type_id, object_id__in=sorted(ids))
    record.events = _group_events(_event_rows(events_for(user).filter(condition)))
    return record


# -- the rules ----------------------------------------------------------------------------------


def _counting(events, since):
    """The events that count in this cycle (all of them in cycle 1: `since` is None)."""
    return [event for event in events if since is None or event[1] >= since]


def _page_module(spec, page, events, request):
    # A scenario is done when watched to the end AND reflected on (domain.md); a case study
    # when marked as read or reflected on. A case study is only "in progress" once viewed;
    # a scenario after anything at all.
    if spec["kind"] == "scenario":
        watched = [when for verb, when, _ in events if verb == Verb.WATCHED_TO_END]
        reflected = [when for verb, when, _ in events if verb == Verb.REFLECTED]
        done = [max(watched[0], reflected[0])] if watched and reflected else []
    else:
        done = [when for verb, when, _ in events if verb in (Verb.COMPLETED, Verb.REFLECTED)]
    verbs_started = None if spec["kind"] == "scenario" else {Verb.VIEWED}
    started = [when for verb, when, _ in events if verbs_started is None or verb in verbs_started]
    state = ModuleState.COMPLETED if done else ModuleState.IN_PROGRESS if started else ModuleState.NOT_STARTED
    return ModuleProgress(
        id=spec["id"],
        kind=spec["kind"],
        title=page.title,
        required=spec["required"],
        state=state,
        completed_at=done[0] if done else None,
        url=page.get_url(request) if page.live else "",
        started_at=min(done[:1] + started[:1], default=None),
    )


def _session_module(spec, programme, record, since, session_type, request, programme_url):
    sessions = record.sessions.get(programme.pk, [])
    matching = [row for row in sessions if row[1] == spec["format"]] or sessions
    attended, booked_on, first = [], [], []
    for pk, _, status in matching:
        events = _counting(record.events.get((session_type, pk), []), since)
        attended += [when for verb, when, _ in events if verb == Verb.ATTENDED]
        bookings = [(verb, when) for verb, when, _ in events if verb in (Verb.BOOKED, Verb.CANCELLED_BOOKING)]
        first += [when for _, when in bookings[:1]]
        if bookings and bookings[-1][0] == Verb.BOOKED and status != SessionStatus.CANCELLED:
            booked_on.append(pk)
    if attended:
        state = ModuleState.COMPLETED
    elif booked_on:
        state = ModuleState.IN_PROGRESS
    else:
        state = ModuleState.NOT_STARTED
    url = f"{programme_url}#sessions" if programme_url else ""
    if booked_on and not attended:
        url = Session(pk=booked_on[0]).get_absolute_url()
    return ModuleProgress(
        id=spec["id"],
        kind="session",
        title=spec["title"],
        required=spec["required"],
        state=state,
        completed_at=min(attended) if attended else None,
        url=url,
        started_at=min(first + attended, default=None),
    )


def _shadowing_module(spec, programme, record, since, programme_url):
    events = _counting(record.events.get((programme.content_type_id, programme.pk), []), since)
    done = [
        when for verb, when, data in events if verb == Verb.COMPLETED and data.get("module") == spec["id"]
    ]
    host = record.agency_names.get(spec["host_agency"], spec["host_agency"])
    return ModuleProgress(
        id=spec["id"],
        kind="shadowing",
        title=f"{length_words(spec['length'], spec['unit'])} with {host}",
        required=spec["required"],
        state=ModuleState.COMPLETED if done else ModuleState.NOT_STARTED,
        completed_at=done[0] if done else None,
        url=f"{programme_url}#modules" if programme_url else "",
        started_at=done[0] if done else None,
    )


def _modules(programme, enrolment, record, request):
    since = enrolment.started_at if enrolment is not None and enrolment.cycle >= 2 else None
    session_type = ContentType.objects.get_for_model(Session).pk
    programme_url = programme.get_url(request) if programme.live else ""
    modules = []
    for spec in module_specs(programme):
        if spec["kind"] in ("scenario", "case_study"):
            page = record.pages.get(spec["page_id"])
            if page is None:
                continue  # the chosen page has been deleted: nothing left to take
            events = _counting(record.events.get((page.content_type_id, page.pk), []), since)
            modules.append(_page_module(spec, page, events, request))
        elif spec["kind"] == "session":
            modules.append(
                _session_module(spec, programme, record, since, session_type, request, programme_url)
            )
        else:
            modules.append(_shadowing_module(spec, programme, record, since, programme_url))
    return modules


def refresher_due(completed_at, refresher_months):
    """When a refresher falls due after a cycle completed at ``completed_at`` (None: never).
    Calendar months, the day kept where the month has it (31 January + 1 month: 28 or 29
    February). The one reckoning My learning, certificates and reminder emails all use."""
    if completed_at is None or not refresher_months:
        return None
    return completed_at + relativedelta(months=refresher_months)


def refresher_due_at(enrolment, programme):
    """When the completed cycle's refresher falls due; None if not completed or no refresher."""
    if enrolment is None:
        return None
    return refresher_due(enrolment.completed_at, programme.refresher_months)


def _progress(programme, enrolment, record, request, now):
    modules = _modules(programme, enrolment, record, request)
    required = [module for module in modules if module.required]
    done = sum(1 for module in required if module.completed)
    due = refresher_due_at(enrolment, programme)
    opens = due - REFRESHER_OPENS_BEFORE if due else None
    return ProgrammeProgress(
        programme=programme,
        enrolment=enrolment,
        modules=modules,
        required_done=done,
        required_total=len(required),
        percent=round(100 * done / len(required)) if required else 0,
        # A programme with no required module is never complete by itself: a certificate
        # would then say nothing about what was learnt.
        requirements_met=bool(required) and done == len(required),
        complete=enrolment is not None and enrolment.completed_at is not None,
        refresher_due_at=due,
        refresher_opens_at=opens,
        refresher_available=opens is not None and now >= opens,
    )


def progress_for(user, enrolments=None, *, programmes=(), request=None, events=None):
    """ProgrammeProgress for each of the person's `enrolments` (default: all of them, by
    programme title), then for each of `programmes` they are not enrolled in (as cycle 1).

    A fixed number of queries whatever the number of programmes and modules."""
    now = timezone.now()
    if enrolments is None:
        enrolments = list(
            Enrolment.objects.filter(user=user).select_related("programme").order_by("programme__title", "pk")
        )
    enrolled = {enrolment.programme_id for enrolment in enrolments}
    pairs = [(enrolment.programme, enrolment) for enrolment in enrolments]
    pairs += [(programme, None) for programme in programmes if programme.pk not in enrolled]
    if not pairs:
        return []
    record = _read(user, [programme for programme, _ in pairs], events)
    return [_progress(programme, enrolment, record, request, now) for programme, enrolment in pairs]


def programme_progress(user, programme, *, request=None):
    """The person's progress in one programme (enrolled or not)."""
    enrolments = []
    if user.is_authenticated:
        enrolments = list(Enrolment.objects.filter(user=user, programme=programme))
        for enrolment in enrolments:
            enrolment.programme = programme  # no second read of the page
    return progress_for(user, enrolments, programmes=[programme], request=request)[0]


def module_progress(user, programme, *, request=None):
    """The state of each of the programme's modules for the person, in order."""
    return programme_progress(user, programme, request=request).modules


# -- enrolment and completion ---------------------------------------------------------------------


def enrol(user, programme):
    """(enrolment, created): the person's enrolment in `programme`, made if missing.

    Safe to call twice and from two requests at once: the unique constraint on
    (user, programme) makes the second insert fail, and that request then reads the
    first's row. Someone who has already done every required module completes at once.
    """
    try:
        with transaction.atomic():
            enrolment, created = Enrolment.objects.get_or_create(user=user, programme=programme)
    except IntegrityError:
        enrolment, created = Enrolment.objects.get(user=user, programme=programme), False
    if created:
        evaluate(user, programme)
        enrolment.refresh_from_db()
    return enrolment, created


def _completion_moment(progress, now):
    """When the cycle became complete: the last required module's completion, never before
    the cycle started (a completion cannot precede its start) and never in the future."""
    last = max(module.completed_at for module in progress.modules if module.required)
    return min(max(last, progress.enrolment.started_at), now)


def _record_completion(user, progress, now):
    from .certificates import issue_certificate

    programme = progress.programme
    with transaction.atomic():
        # The row lock makes two evaluations of one person (two events at once) take turns;
        # the second sees completed_at set and stops. The unique constraint on
        # (user, programme, cycle) is the last line of defence.
        enrolment = Enrolment.objects.select_for_update().filter(pk=progress.enrolment.pk).first()
        if (
            enrolment is None
            or enrolment.completed_at is not None
            or enrolment.cycle != progress.enrolment.cycle
            or enrolment.started_at != progress.enrolment.started_at
        ):
            return None
        completed_at = _completion_moment(progress, now)
        try:
            with transaction.atomic():
                completion = ProgrammeCompletion.objects.create(
                    user=user,
                    programme=programme,
                    cycle=enrolment.cycle,
                    agency_id=user.agency_id,
                    area_id=user.area_id,
                    started_at=enrolment.started_at,
                    completed_at=completed_at,
                )
            created = True
        except IntegrityError:
            completion = ProgrammeCompletion.objects.get(
                user=user, programme=programme, cycle=enrolment.cycle
            )
            created = False
        enrolment.completed_at = completion.completed_at
        enrolment.save(update_fields=["completed_at"])
        progress.enrolment = enrolment
        if created:
            # Not once=True: each cycle completes once, and the completion row's uniqueness
            # already guarantees that; "once" would block every refresher's event.
            record_event(
                user, Verb.COMPLETED, programme, data={"cycle": enrolment.cycle}, occurred_at=completed_at
            )
        titles = [module.certificate_title for module in progress.modules if module.completed]
        issue_certificate(completion, titles)
    return completion


def evaluate(user, programme=None):
    """Record the completion of each of the person's open enrolments (one programme's if
    given) whose required modules are all completed; the new ProgrammeCompletions.

    Idempotent: evaluating again, or after a duplicate event, finds the enrolment already
    completed and does nothing, so a cycle never gets a second completion or certificate.
    """
    if user is None or not user.is_authenticated:
        return []
    enrolments = Enrolment.objects.filter(user=user, completed_at__isnull=True).select_related("programme")
    if programme is not None:
        enrolments = enrolments.filter(programme=programme)
    enrolments = list(enrolments)
    if not enrolments:
        return []
    now = timezone.now()
    completions = []
    for progress in progress_for(user, enrolments):
        if progress.requirements_met:
            completion = _record_completion(user, progress, now)
            if completion is not None:
                completions.append(completion)
    return completions


def mark_module_done(user, programme, module_id):
    """Record that the person finished a shadowing placement (module `module_id`).

    Raises CompletionError if the module does not exist ("missing"), is not a placement
    ("not-shadowing") or the person is not enrolled ("not-enrolled"). Returns
    (event or None when it was already done this cycle, the programme's progress after)."""
    spec = find_module(programme, module_id)
    if spec is None:
        raise CompletionError("This programme has no such module.", "missing")
    if spec["kind"] != "shadowing":
        raise CompletionError(
            "Only a shadowing placement can be marked as done. The other modules are recorded "
            "when you take them.",
            "not-shadowing",
        )
    if not Enrolment.objects.filter(user=user, programme=programme).exists():
        raise CompletionError("Start the programme before marking a placement as done.", "not-enrolled")
    before = programme_progress(user, programme)
    module = next(module for module in before.modules if module.id == module_id)
    if module.completed:
        return None, before
    event = record_event(user, Verb.COMPLETED, programme, data={"module": module_id})
    evaluate(user, programme)  # the signal does this too; it is idempotent
    return event, programme_progress(user, programme)


# -- refreshers ---------------------------------------------------------------------------------


def start_refresher(user, programme, *, now=None):
    """Start the next cycle of a completed programme: the enrolment.

    Allowed once the current cycle is complete, the programme has a refresher interval,
    and it is at most REFRESHER_OPENS_BEFORE before the refresher falls due (or any time
    after). Raises RefresherNotAvailable otherwise. The new cycle counts only what is done
    from now on, and its reminders start afresh.
    """
    now = now or timezone.now()
    if not programme.refresher_months:
        raise RefresherNotAvailable("This programme has no refresher.", "no-refresher")
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().filter(user=user, programme=programme).first()
        if enrolment is None:
            raise RefresherNotAvailable(
                "You have not started this programme, so there is no refresher to take.", "not-enrolled"
            )
        if enrolment.completed_at is None:
            if enrolment.cycle > 1:
                raise RefresherNotAvailable("You have already started this refresher.", "already-started")
            raise RefresherNotAvailable(
                "Finish the programme first: a refresher follows a completed programme.", "not-complete"
            )
        due = refresher_due_at(enrolment, programme)
        opens = due - REFRESHER_OPENS_BEFORE
        if now < opens:
            raise RefresherNotAvailable(
                f"Your refresher is not due yet. You can start it from {_day(opens)}.", "not-yet"
            )
        enrolment.cycle += 1
        enrolment.started_at = now
        enrolment.completed_at = None
        enrolment.last_nudged_at = None
        enrolment.refresher_reminded_at = None
        enrolment.save(
            update_fields=["cycle", "started_at", "completed_at", "last_nudged_at", "refresher_reminded_at"]
        )
    return enrolment


def _day(moment):
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y}"


# -- everything the person has touched -----------------------------------------------------------


def user_events(user):
    """All the person's events, grouped by (content type id, object id), in one query."""
    return _group_events(_event_rows(events_for(user)))


def _item_state(natural, events, enrolment):
    verbs = [verb for verb, _, _ in events]
    times = [when for _, when, _ in events]
    done = []
    if natural == "training.scenariopage":
        done = [when for verb, when, _ in events if verb == Verb.WATCHED_TO_END]
    elif natural == "case_studies.casestudypage":
        done = [when for verb, when, _ in events if verb in (Verb.COMPLETED, Verb.REFLECTED)]
    elif natural == "training.session":
        done = [when for verb, when, _ in events if verb == Verb.ATTENDED]
        bookings = [verb for verb in verbs if verb in (Verb.BOOKED, Verb.CANCELLED_BOOKING)]
        if not done and (not bookings or bookings[-1] == Verb.CANCELLED_BOOKING):
            return ModuleState.NOT_STARTED, min(times, default=None), None
    elif natural == "training.inductionprogrammepage":
        cycles = [when for verb, when, data in events if verb == Verb.COMPLETED and "cycle" in data]
        if enrolment is not None:
            if enrolment.completed_at is not None:
                return ModuleState.COMPLETED, enrolment.started_at, enrolment.completed_at
            # A refresher under way: in progress, with the last completion kept in view.
            return ModuleState.IN_PROGRESS, enrolment.started_at, max(cycles, default=None)
        if cycles:
            return ModuleState.COMPLETED, min(times), max(cycles)
        return ModuleState.IN_PROGRESS, min(times, default=None), None
    if done:
        return ModuleState.COMPLETED, min(times), min(done)
    return ModuleState.IN_PROGRESS, min(times, default=None), None


def item_states(user, *, events=None, enrolments=None, request=None):
    """Every page or session the person has done something with, most recent first.

    States follow the module rules above (a page of another kind is in progress once
    touched; an induction programme is completed when its current cycle is). Programmes
    the person is enrolled in count as touched. Three queries, plus one if `events` or
    `enrolments` are not given."""
    events = user_events(user) if events is None else events
    if enrolments is None:
        enrolments = list(Enrolment.objects.filter(user=user).select_related("programme"))
    by_programme = {enrolment.programme_id: enrolment for enrolment in enrolments}
    keys = set(events)
    for enrolment in enrolments:
        keys.add((enrolment.programme.content_type_id, enrolment.programme_id))
    session_type = ContentType.objects.get_for_model(Session).pk
    page_types = {
        content_type_id
        for content_type_id, _ in keys
        if content_type_id != session_type
        and issubclass(ContentType.objects.get_for_id(content_type_id).model_class() or object, Page)
    }
    page_ids = {object_id for content_type_id, object_id in keys if content_type_id in page_types}
    session_ids = {object_id for content_type_id, object_id in keys if content_type_id == session_type}
    pages = Page.objects.in_bulk(page_ids) if page_ids else {}
    sessions = Session.objects.in_bulk(session_ids) if session_ids else {}
    items = []
    for content_type_id, object_id in keys:
        content_type = ContentType.objects.get_for_id(content_type_id)
        natural = f"{content_type.app_label}.{content_type.model}"
        if content_type_id == session_type:
            target = sessions.get(object_id)
            if target is None:
                continue
            title = f"{target.title}, {_day(target.starts_at)}"
            url = target.get_absolute_url()
        elif content_type_id in page_types:
            target = pages.get(object_id)
            if target is None:
                continue
            title = target.title
            url = target.get_url(request) if target.live else ""
        else:
            continue  # not a page or a session: nothing to show the person
        item_events = events.get((content_type_id, object_id), [])
        enrolment = by_programme.get(object_id) if natural == "training.inductionprogrammepage" else None
        state, started, completed = _item_state(natural, item_events, enrolment)
        last = max([when for _, when, _ in item_events] + ([started] if started else []), default=None)
        kind = ITEM_KINDS.get(natural) or str(content_type.model_class()._meta.verbose_name).capitalize()
        items.append(
            ItemState(
                key=f"{content_type_id}:{object_id}",
                kind=kind,
                title=title,
                url=url,
                state=state,
                started_at=started,
                completed_at=completed,
                last_activity_at=last,
            )
        )
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    items.sort(key=lambda item: (item.last_activity_at or epoch, item.key), reverse=True)
    return items
