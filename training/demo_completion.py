"""Demo learning history: progress, completions, certificates and confidence answers
(called at the end of ``demo.load``, after the programmes and sessions exist).

Made only when ``settings.DEMO_ACCOUNTS_ENABLED`` (never under production settings):

- **The demo practitioner** (``practitioner@example.org``, from ``cms/users/demo.py``) is
  part-way through the first demo programme (its video scenarios and case studies done, the
  sessions and placement still to come, and its "before" confidence check left open for
  them to try), and completed the second one about ten and a half months ago: a
  certificate, "before" and "after" confidence answers, and a refresher coming due.
- **Thirty fictional learners** (``demo-learner-NN@example.invalid``, "(demo learner)" in
  their names, unusable passwords: nobody signs in as them) spread over five agencies and
  three areas, enrolled in the programmes, most of them finished, with confidence answers
  before and after and scenario activity (watched, decision points answered), so the
  trainer's dashboard has figures above its small-number threshold.

Everything is recorded the way the site records it: each module's event goes through the
learning record (``cms.learning_record.api.record_event``), dated in the past, and the
completion tracking's own signal (``training.completion.signals``) evaluates the
programme with ``training.completion.progress`` and issues the certificate through
``training.completion.certificates``, exactly as for a real person. In-person modules need
a session that ran: each demo programme gets one past "(earlier group)" session per
in-person module, with confirmed, attended bookings for the people who took it (written as
rows, since the booking service only books for now; the register's events are recorded
through the learning record as the register would). Enrolments are made here first with
their past start dates. Confidence answers are written as rows, because the questionnaire
(``confidence.save_answers``) only accepts answers while a stage is open now.

Idempotent: people are found by email, sessions by title, bookings and enrolments by their
unique keys, answers by theirs, and an event is recorded only if the person has no event of
that verb, object and data already; so a second run adds nothing. Learners beyond
``LEARNER_COUNT`` left by an earlier version are deleted (as an account deletion would).
"""

import random
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page

from cms.learning_record.api import Verb, events_for, record_event
from cms.taxonomy.models import Agency, Area
from cms.users import roles

from . import demo_programmes
from .choices import Attendance, BookingStatus, ConfidenceStage, ConfidenceStatement, SessionFormat
from .completion import progress
from .completion.certificates import issue_certificate
from .demo_scenarios import SCENARIOS
from .models import (
    Booking,
    Certificate,
    ConfidenceResponse,
    Enrolment,
    InductionProgrammePage,
    ProgrammeCompletion,
    ScenarioPage,
    Session,
    Venue,
)
from .progress import decision_points

PRACTITIONER_EMAIL = "practitioner@example.org"  # cms/users/demo.py
LEARNER_COUNT = 30
LEARNER_PREFIX, LEARNER_DOMAIN = "demo-learner-", "@example.invalid"
LEARNER_NOTE = " (fictional demo account)"
AGENCIES = ["police", "health", "education", "childrens-social-care", "early-help"]
AREAS = ["leeds", "leeds", "sheffield", "leeds", "newham", "leeds"]  # by learner number // 5
JOB_TITLES = {
    "police": "Police constable",
    "health": "Health visitor",
    "education": "Designated safeguarding lead",
    "childrens-social-care": "Social worker",
    "early-help": "Family support worker",
}
FIRST_NAMES = [
    "Ash", "Bailey", "Cam", "Devon", "Eden", "Finley", "Georgie", "Hayden", "Isa", "Jamie",
    "Kai", "Lee", "Morgan", "Nico", "Oakley", "Parker", "Quinn", "Reese", "Sasha", "Taylor",
    "Umi", "Val", "Wren", "Xan", "Yael", "Zuri", "Arden", "Blair", "Corey", "Drew",
]  # fmt: skip
HISTORY_SUFFIX = " (earlier group)"
HISTORY_DAYS_AGO = 340  # the earlier groups' sessions ran about eleven months ago


def learner_email(number):
    return f"{LEARNER_PREFIX}{number:02d}{LEARNER_DOMAIN}"


def load(stdout, now=None):
    if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
        return "demo learning skipped (demo accounts not enabled in these settings)"
    now = now or timezone.now()
    programmes = demo_programme_pages()
    if not programmes:
        return "demo learning skipped (no demo programmes)"
    learners = demo_learners()
    remove_extra_learners()
    history = {programme.pk: history_sessions(programme, now) for programme in programmes}
    for number, user in enumerate(learners):
        for position, programme in enumerate(programmes):
            plan = learner_plan(number, position, now)
            if plan is not None:
                take_programme(user, programme, history[programme.pk], now=now, **plan)
        scenario_activity(user, number, now)
    practitioner = demo_practitioner_history(programmes, history, now)
    people = [*learners, *([practitioner] if practitioner else [])]
    completions = ProgrammeCompletion.objects.filter(user__in=people).count()
    certificates = Certificate.objects.filter(user__in=people).count()
    return f"{len(learners)} demo learners, {completions} completed programmes, {certificates} certificates"


def demo_programme_pages():
    """The demo programmes that are live, in the order ``demo_programmes`` lists them."""
    slugs = [spec["slug"] for spec in demo_programmes.PROGRAMMES]
    found = {page.slug: page for page in InductionProgrammePage.objects.live().filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


# -- the people --------------------------------------------------------------------------------


def demo_learners():
    """The fictional learners, made or refreshed, in number order."""
    from allauth.account.models import EmailAddress

    from cms.users.models import User

    practitioners = Group.objects.get(name=roles.PRACTITIONER)
    agencies = {agency.slug: agency for agency in Agency.objects.filter(slug__in=AGENCIES)}
    areas = {area.slug: area for area in Area.objects.filter(slug__in=set(AREAS))}
    people = []
    for number in range(LEARNER_COUNT):
        email = learner_email(number + 1)
        agency = AGENCIES[number % len(AGENCIES)]
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
            user.set_unusable_password()  # fictional: nobody signs in as them
        user.display_name = f"{FIRST_NAMES[number]} (demo learner)"
        user.agency = agencies.get(agency)
        user.area = areas.get(AREAS[(number // 5) % len(AREAS)])
        user.job_title = JOB_TITLES[agency] + LEARNER_NOTE
        user.is_staff = user.is_superuser = False
        user.save()
        user.groups.set([practitioners])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people.append(user)
    return people


def remove_extra_learners():
    """Learners an earlier, larger version of this loader made: deleted as an account deletion
    would (their completions stay as anonymous counts)."""
    from cms.users.models import User
    from cms.users.personal_data import delete_user

    wanted = {learner_email(number + 1) for number in range(LEARNER_COUNT)}
    extra = User.objects.filter(email__startswith=LEARNER_PREFIX, email__endswith=LEARNER_DOMAIN).exclude(
        email__in=wanted
    )
    for user in extra:
        delete_user(user)


def learner_plan(number, position, now):
    """How learner `number` takes the programme at `position` (0: the first demo programme):
    None (not enrolled), or when they started and whether (and when) they finished."""
    group, agency = divmod(number, len(AGENCIES))  # six groups of five, one of each agency
    if position == 0:
        # Everyone; one in six part-way (one of each agency in thirty): five finished per agency.
        enrolled, finished = True, number % 6 != 5
        finished_days_ago = 20 + (number * 9) % 280
    else:
        # Health and education (it is their programme), and the first two groups of the others.
        enrolled = AGENCIES[agency] in ("health", "education") or group < 2
        finished = number % 6 != 5
        finished_days_ago = 25 + (number * 11) % 290
    if not enrolled:
        return None
    started_at = now - timedelta(days=HISTORY_DAYS_AGO + 14 - position)
    if not finished:
        return {"started_at": started_at, "finish_at": None}
    return {"started_at": started_at, "finish_at": now - timedelta(days=finished_days_ago)}


# -- the earlier groups' sessions -------------------------------------------------------------


def history_sessions(programme, now):
    """{session module block id: a past session of the module's format}, made once."""
    venue = (
        Venue.objects.filter(name__in=[spec["name"] for spec in demo_programmes.VENUES])
        .order_by("pk")
        .first()
    )
    venue = venue or Venue.objects.order_by("pk").first()
    if venue is None:
        return {}
    trainer = demo_programmes.demo_trainer()
    sessions = {}
    specs = [spec for spec in progress.module_specs(programme) if spec["kind"] == "session"]
    for position, spec in enumerate(specs):
        title = ((spec["title"] or "In-person session")[: 120 - len(HISTORY_SUFFIX)]) + HISTORY_SUFFIX
        session = Session.objects.filter(programme=programme, title=title).first()
        if session is None:
            day = (now - timedelta(days=HISTORY_DAYS_AGO - 3 * position)).date()
            starts_at = timezone.make_aware(datetime.combine(day, time(9, 30)))
            session = Session.objects.create(
                programme=programme,
                title=title,
                format=spec["format"] or SessionFormat.CO_LOCATED,
                description="An earlier group's session.",
                venue=venue,
                facilitator="Partnership training team",
                capacity=40,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=3),
                booking_opens_at=starts_at - timedelta(days=60),
                booking_closes_at=starts_at - timedelta(days=2),
                cancellation_cutoff_at=starts_at - timedelta(days=3),
                created_by=trainer,
            )
        sessions[spec["id"]] = session
    return sessions


def attend(user, session):
    """A confirmed, attended booking on a past session, and the register's events."""
    booking, created = Booking.objects.get_or_create(
        session=session,
        user=user,
        defaults={
            "agency_id": user.agency_id,
            "status": BookingStatus.CONFIRMED,
            "attendance": Attendance.ATTENDED,
            "confirmed_at": session.booking_opens_at + timedelta(days=1),
            "attendance_marked_at": session.ends_at,
        },
    )
    if created:
        session.confirmed_count = session.bookings.filter(status=BookingStatus.CONFIRMED).count()
        session.save(update_fields=["confirmed_count"])
    ensure_event(user, Verb.BOOKED, session, session.booking_opens_at + timedelta(days=1))
    ensure_event(user, Verb.ATTENDED, session, session.ends_at)


# -- learning through the learning record -----------------------------------------------------


def ensure_event(user, verb, obj, when, data=None):
    """Record the event unless the person already has one of this verb, object and data."""
    data = data or {}
    if any(
        (existing or {}) == data for existing in events_for(user, verb, obj).values_list("data", flat=True)
    ):
        return False
    record_event(user, verb, obj, data=data, occurred_at=min(when, timezone.now()))
    return True


def take_module(user, programme, spec, pages, history, when):
    """The events that complete one module, as the feature apps record them."""
    kind = spec["kind"]
    if kind in ("scenario", "case_study"):
        page = pages.get(spec.get("page_id"))
        if page is None:
            return
        ensure_event(user, Verb.VIEWED, page, when - timedelta(minutes=20))
        if kind == "scenario":  # done when watched to the end and reflected on
            ensure_event(user, Verb.WATCHED_TO_END, page, when, {"percent": 100})
            ensure_event(user, Verb.REFLECTED, page, when + timedelta(minutes=2))
        else:
            ensure_event(user, Verb.COMPLETED, page, when)
    elif kind == "session":
        session = history.get(spec["id"])
        if session is not None:
            attend(user, session)
    else:
        ensure_event(user, Verb.COMPLETED, programme, when, {"module": spec["id"]})


def take_programme(user, programme, history, *, started_at, finish_at, now, modules=None, answers=True):
    """Enrol the person (from `started_at`) and take the programme's modules: all of them,
    finishing at `finish_at`, or (no `finish_at`) the first half, or those of the kinds in
    `modules`. The completion and certificate come from the real completion code."""
    enrolment, _ = Enrolment.objects.get_or_create(
        user=user, programme=programme, defaults={"started_at": started_at}
    )
    specs = progress.module_specs(programme)
    if finish_at is None:
        specs = [s for s in specs if s["kind"] in modules] if modules else specs[: len(specs) // 2]
    pages = Page.objects.in_bulk([spec["page_id"] for spec in specs if spec.get("page_id")])
    others = [spec for spec in specs if spec["kind"] != "session"]
    last = finish_at or now - timedelta(days=3)
    # The sessions ran on their own dates; the other modules are spread up to `last`.
    first = max(
        [session.ends_at for spec_id, session in history.items() if spec_id in {s["id"] for s in specs}]
        + [started_at]
    )
    for position, spec in enumerate(others, start=1):
        when = first + (last - first) * position / len(others)
        take_module(user, programme, spec, pages, history, when)
    for spec in specs:
        if spec["kind"] == "session":
            take_module(user, programme, spec, pages, history, None)
    if finish_at is not None:
        completions = progress.evaluate(user, programme)  # the signal has done it; idempotent
        if (
            not completions
            and not ProgrammeCompletion.objects.filter(user=user, programme=programme).exists()
        ):
            record_completion_directly(user, programme, enrolment, finish_at)
    if answers:
        answer_confidence(user, programme, enrolment)


def record_completion_directly(user, programme, enrolment, finish_at):
    """Only if the programme cannot be completed module by module (e.g. a module's page is
    not loaded): the completion and certificate as the completion code writes them."""
    completion, _ = ProgrammeCompletion.objects.get_or_create(
        user=user,
        programme=programme,
        cycle=enrolment.cycle,
        defaults={
            "agency_id": user.agency_id,
            "area_id": user.area_id,
            "started_at": enrolment.started_at,
            "completed_at": finish_at,
        },
    )
    enrolment.completed_at = completion.completed_at
    enrolment.save(update_fields=["completed_at"])
    titles = [module.certificate_title for module in progress.programme_progress(user, programme).modules]
    issue_certificate(completion, titles)


def answer_confidence(user, programme, enrolment):
    """The "before" answers at the start, the "after" ones on completing (if completed): rows with
    plausible scores, the same on every run."""
    enrolment.refresh_from_db()
    rng = random.Random(f"{user.email}:{programme.slug}:{enrolment.cycle}")
    before = {statement: rng.randint(1, 4) for statement in ConfidenceStatement.values}
    after = {statement: min(5, score + rng.choice((0, 1, 1, 1, 2))) for statement, score in before.items()}
    stages = [(ConfidenceStage.BEFORE, before, enrolment.started_at + timedelta(hours=1))]
    if enrolment.completed_at is not None:
        stages.append((ConfidenceStage.AFTER, after, enrolment.completed_at + timedelta(days=2)))
    for stage, scores, answered_at in stages:
        for statement, score in scores.items():
            ConfidenceResponse.objects.get_or_create(
                user=user,
                programme=programme,
                cycle=enrolment.cycle,
                stage=stage,
                statement=statement,
                defaults={"score": score, "answered_at": min(answered_at, timezone.now())},
            )


def scenario_activity(user, number, now):
    """Viewed, decision points answered and (mostly) watched to the end, on the demo scenarios."""
    slugs = [scenario["slug"] for scenario in SCENARIOS]
    for position, page in enumerate(ScenarioPage.objects.live().filter(slug__in=slugs).order_by("pk")):
        if (number + position) % 4 == 0:
            continue
        rng = random.Random(f"{user.email}:{page.slug}")
        when = now - timedelta(days=10 + rng.randint(0, 200))
        ensure_event(user, Verb.VIEWED, page, when)
        for point in decision_points(page):
            options = len(point.options)
            if not options:
                continue
            # Most choose the first option; the others spread over the rest.
            option = 0 if rng.random() < 0.55 else rng.randrange(options)
            data = {"point": point.index, "option": option, "block": point.block_id}
            ensure_event(user, Verb.ANSWERED_DECISION_POINT, page, when + timedelta(minutes=2), data)
        if (number + position) % 3 != 0:
            ensure_event(user, Verb.WATCHED_TO_END, page, when + timedelta(minutes=5), {"percent": 100})


# -- the demo practitioner -------------------------------------------------------------------


def demo_practitioner_history(programmes, history, now):
    from cms.users.models import User

    user = User.objects.filter(email=PRACTITIONER_EMAIL).first()
    if user is None:
        return None
    first, *others = programmes
    # Part-way through the first: its scenarios and case studies, not its sessions or placement.
    take_programme(
        user,
        first,
        history[first.pk],
        started_at=now - timedelta(days=14),
        finish_at=None,
        now=now,
        modules=("scenario", "case_study"),
        answers=False,  # the "before" check is left for them to answer
    )
    # Finished the second (or, with only one programme, nothing more) about 10.5 months ago.
    for programme in others[:1]:
        take_programme(
            user,
            programme,
            history[programme.pk],
            started_at=now - timedelta(days=HISTORY_DAYS_AGO + 10),
            finish_at=now - timedelta(days=320),
            now=now,
        )
    return user
