"""Demo induction programmes, venues, sessions and bookings (called from ``demo.load``).

Two programmes under the programme index at /training/, written in our own words from the
domain notes: a joint induction for new starters from police, health, education and
children's social care in Leeds, and a schools-and-health programme with a yearly
refresher. Their modules link the demo video scenarios and case studies when those are
loaded (case studies are found as pages of the ``case_studies`` app, by slug: training
never imports case_studies), and leave them out otherwise.

Sessions, each kept in one role whatever day the loader runs:

- **upcoming**: open for booking, different formats, capacities from 12 to 24, one with a
  release date after which unfilled places open to any agency; a few demo attendees have
  booked some of them, so the mix so far shows. None holds education back, so the demo
  practitioner (education) can book every one of them.
- **today**: starts later today (or is on now), with confirmed bookings from six
  agencies, so the demo trainer has a register to mark.
- **past**: ran two weeks ago; its register is marked (attended, absent, a late
  cancellation).
- **cancelled**: cancelled by the trainer, with the reason attendees were given.

The demo attendees are fictional Practitioner accounts (``demo-attendee-...@example.org``,
"(demo attendee)" in their names, no usable password: nobody signs in as them), made only
when ``settings.DEMO_ACCOUNTS_ENABLED``; without them the sessions have no bookings.
Every booking, cancellation and register mark goes through ``training.booking.service``:
bookings dated as if made soon after booking opened, register marks at the session's end.

Idempotent: programmes are found by slug, venues by name, sessions by title (within the
demo programmes), accounts by email, and the service treats booking twice as one booking,
so a second run adds nothing. A session whose role no longer fits the day (an "upcoming"
one now less than three days away, "today"'s one from an earlier day) is moved back into
place, and the service tells anyone booked (as when a trainer changes a session's time);
when "today"'s session moves, the demo attendees' marks on it are cleared (through the
service) so the register can be marked again. Sessions trainers add are never touched.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page

from cms.taxonomy.models import Agency, Area
from cms.users import roles

from .booking import service
from .choices import Attendance, BookingStatus, SessionFormat, SessionStatus
from .models import Booking, InductionProgrammePage, ScenarioPage, Session, Venue
from .programme_setup import ensure_programme_index

TRAINER_EMAIL = "trainer@example.org"  # cms/users/demo.py: the demo trainer runs the demo sessions
# An "upcoming" session closer than this is moved on (its booking closes two days before it starts).
UPCOMING_MIN_NOTICE = timedelta(days=3)

# -- content ----------------------------------------------------------------------

PROGRAMMES = [
    {
        "slug": "leeds-joint-safeguarding-induction",
        "title": "Leeds joint safeguarding induction",
        "summary": (
            "New starters from the police, health, schools and children's social care spend part of "
            "their first months learning side by side: how each other's services work day to day, "
            "and what it is like to work inside them."
        ),
        "audience": (
            "Staff in their first six months in Leeds with the police, a health service, a school or "
            "early years setting, or children's social care, including the front door and the MASH."
        ),
        "areas": ["leeds"],
        "refresher_months": None,
        "aims": [
            (
                "practical_side",
                "What happens to a referral once it reaches the front door, and who hears back",
            ),
            (
                "practical_side",
                "What a GP, a school nurse or a health visitor can and cannot see in their records",
            ),
            ("practical_side", "What the police bring to a strategy discussion, and what they need from you"),
            (
                "professional_culture",
                "Why a teacher, a police officer and a social worker may read one worry differently",
            ),
            (
                "professional_culture",
                "How each profession talks about risk, consent and thresholds, jargon included",
            ),
        ],
        "modules": [
            (
                "session",
                {
                    "format": SessionFormat.CO_LOCATED,
                    "title": "Day one together: how a worry travels between services",
                    "description": (
                        "A full day in one room with new starters from every agency. It opens with an "
                        "active-listening warm-up, then follows one fictional worry from a classroom to "
                        "the front door and back, each agency explaining its part."
                    ),
                },
            ),
            (
                "scenario",
                "new-to-the-mash-strategy-discussion",
                "What a strategy discussion looks like from the police side.",
            ),
            ("case_study", "police-shadowing-in-the-mash", "An officer's account of what shadowing changed."),
            (
                "shadowing",
                {
                    "host_agency": "childrens-social-care",
                    "length": 2,
                    "unit": "weeks",
                    "description": (
                        "Two weeks in the MASH: sit with the police, health and social care staff at the "
                        "front door and follow referrals from the first call to the decision."
                    ),
                },
            ),
            (
                "session",
                {
                    "format": SessionFormat.SHADOWING_BRIEFING,
                    "title": "Before and after your MASH placement",
                    "description": "What to look out for on the placement, and what to bring back.",
                },
            ),
            (
                "scenario",
                "seventeen-year-old-says-no",
                "Sharing without consent, and keeping a young person's trust.",
            ),
            (
                "session",
                {
                    "format": SessionFormat.LEARNING_CIRCLE,
                    "title": "Learning circle: your first month",
                    "description": (
                        "A small group, one from each agency if we can, talking through what surprised "
                        "them about each other's work."
                    ),
                },
            ),
        ],
    },
    {
        "slug": "schools-and-health-working-together",
        "title": "Schools and health: working together",
        "summary": (
            "Designated safeguarding leads and health colleagues learn how each other's worries look "
            "from the inside: missed appointments, absence, small signs that add up. Taken again every "
            "year, as school safeguarding training is."
        ),
        "audience": (
            "Designated safeguarding leads and their deputies, school nurses, health visitors and GP "
            "practice safeguarding leads in Leeds."
        ),
        "areas": ["leeds"],
        "refresher_months": 12,
        "aims": [
            (
                "practical_side",
                "How a GP practice or school nursing team records a child who was not brought",
            ),
            (
                "practical_side",
                "What a school can share with health, and how to ask so the answer comes back",
            ),
            (
                "professional_culture",
                "Why a school's many small worries and one clinic appointment show different children",
            ),
            ("professional_culture", "How to disagree about a threshold without losing the relationship"),
        ],
        "modules": [
            (
                "scenario",
                "missed-appointments-school-and-gp",
                "A school and a GP practice put their pieces together.",
            ),
            (
                "case_study",
                "dental-missed-appointments",
                "A missed-appointment pathway that reached the right people.",
            ),
            (
                "case_study",
                "school-chronology-advice-line",
                "A chronology of small worries, shared through the advice line.",
            ),
            (
                "session",
                {
                    "format": SessionFormat.FAMILY_CASE_WORKSHOP,
                    "title": "Workshop: the Brooks family, a fictional case",
                    "description": (
                        "A roadshow-style workshop: school and health colleagues work through a fictional "
                        "family's year together and agree what each would share, with whom, and when."
                    ),
                },
            ),
            (
                "shadowing",
                {
                    "host_agency": "health",
                    "length": 1,
                    "unit": "days",
                    "description": "A day with a school nursing team, including a drop-in session.",
                },
            ),
            (
                "session",
                {
                    "format": SessionFormat.LEARNING_CIRCLE,
                    "title": "Learning circle: a year on",
                    "description": "The yearly refresher: what changed in guidance, and what worked.",
                },
            ),
        ],
    },
]

VENUES = [
    {
        "name": "Leeds Partnership Learning Centre",
        "address": "Floor 2, 1 Civic Court, Leeds LS1 1AA",
        "accessibility": (
            "Step-free entrance from Civic Court and a lift to every floor. Hearing loop in the training "
            "room. Accessible toilets on each floor. Two blue badge bays at the front; the nearest public "
            "car park is 200 metres away. A quiet room is available: ask at reception."
        ),
    },
    {
        "name": "Quarry Hill Teaching Hub",
        "address": "Room G4, 20 Quarry Hill, Leeds LS2 7AB",
        "accessibility": (
            "Ground-floor room with level access from the street. Portable hearing loop: ask the "
            "facilitator. Accessible toilet next to the room. No parking on site; buses stop outside "
            "every ten minutes. Quiet and prayer room on the first floor, reached by lift."
        ),
    },
]

# The fictional people who have booked demo sessions: email, display name, agency slug, job title.
ATTENDEES = [
    ("demo-attendee-police@example.org", "Chris (demo attendee)", "police", "Detective constable"),
    ("demo-attendee-health@example.org", "Dani (demo attendee)", "health", "Health visitor"),
    ("demo-attendee-social-care@example.org", "Ellis (demo attendee)", "childrens-social-care", "Social worker"),  # noqa: E501
    ("demo-attendee-education@example.org", "Frankie (demo attendee)", "education", "Deputy safeguarding lead"),  # noqa: E501
    ("demo-attendee-early-help@example.org", "Gabi (demo attendee)", "early-help", "Family support worker"),
    ("demo-attendee-housing@example.org", "Harper (demo attendee)", "housing", "Tenancy support officer"),
    ("demo-attendee-police-2@example.org", "Indy (demo attendee)", "police", "Police constable"),
    ("demo-attendee-health-2@example.org", "Jules (demo attendee)", "health", "School nurse"),
]  # fmt: skip
ATTENDEE_JOB_NOTE = " (fictional demo account)"
ALL_ATTENDEES = [email for email, *_ in ATTENDEES]


@dataclass(frozen=True)
class DemoSession:
    programme: str  # slug
    title: str
    format: str
    venue: str  # name
    role: str  # "upcoming", "today", "past" or "cancelled"
    days: int = 0  # from today (upcoming, past, cancelled)
    start: time = time(9, 30)
    hours: float = 3
    capacity: int = 12
    max_agency_share: int = 50
    min_agencies: int = 3
    release_days_before: int | None = None
    description: str = ""
    facilitator: str = "Partnership training team"
    cancellation_reason: str = ""
    bookers: tuple = ()  # attendee emails, in booking order
    access_needs: dict = field(default_factory=dict)  # attendee email -> text
    marks: dict = field(default_factory=dict)  # attendee email -> Attendance (past sessions)


LEEDS, SCHOOLS = PROGRAMMES[0]["slug"], PROGRAMMES[1]["slug"]
CENTRE, HUB = VENUES[0]["name"], VENUES[1]["name"]
POLICE, HEALTH, SOCIAL_CARE, EDUCATION, EARLY_HELP, HOUSING, POLICE_2, HEALTH_2 = ALL_ATTENDEES

SESSIONS = [
    DemoSession(
        LEEDS,
        "Day one together: how a worry travels",
        SessionFormat.CO_LOCATED,
        CENTRE,
        "upcoming",
        days=9,
        hours=6.5,
        capacity=24,
        min_agencies=4,
        description=(
            "A full day with new starters from every agency: an active-listening warm-up, then one "
            "fictional worry followed from a classroom to the front door and back. Lunch is provided."
        ),
        facilitator="Alex (demo trainer), partnership training lead",
        bookers=(POLICE, HEALTH, SOCIAL_CARE, POLICE_2),
        access_needs={HEALTH: "I lip-read: a seat near the front, please."},
    ),
    DemoSession(
        LEEDS,
        "Before and after your MASH placement",
        SessionFormat.SHADOWING_BRIEFING,
        HUB,
        "upcoming",
        days=16,
        start=time(10, 0),
        hours=2,
        capacity=16,
        description="For everyone starting two weeks in the MASH: what to expect, what to bring back.",
        facilitator="MASH practice manager",
    ),
    DemoSession(
        LEEDS,
        "Learning circle: your first month",
        SessionFormat.LEARNING_CIRCLE,
        HUB,
        "upcoming",
        days=23,
        start=time(13, 30),
        hours=2.5,
        capacity=12,
        max_agency_share=34,
        min_agencies=4,
        release_days_before=5,
        description=(
            "Twelve places, no more than four from one agency until five days before, when any places "
            "left open to everyone."
        ),
        facilitator="Alex (demo trainer), partnership training lead",
        bookers=(EARLY_HELP, HOUSING),
    ),
    DemoSession(
        SCHOOLS,
        "Workshop: the Brooks family, a fictional case",
        SessionFormat.FAMILY_CASE_WORKSHOP,
        CENTRE,
        "upcoming",
        days=30,
        hours=4,
        capacity=20,
        max_agency_share=60,
        min_agencies=2,
        description="School and health colleagues work through a fictional family's year: who shares what.",
        facilitator="Named nurse for safeguarding children",
        bookers=(HEALTH_2,),
    ),
    DemoSession(
        LEEDS,
        "Day one together (second group)",
        SessionFormat.CO_LOCATED,
        CENTRE,
        "today",
        hours=3,
        capacity=12,
        description="A shorter day one for the second group of new starters.",
        facilitator="Alex (demo trainer), partnership training lead",
        bookers=(POLICE, HEALTH, SOCIAL_CARE, EDUCATION, EARLY_HELP, HOUSING, POLICE_2, HEALTH_2),
        access_needs={HOUSING: "Step-free access; I use a wheelchair."},
    ),
    DemoSession(
        LEEDS,
        "Day one together (first group)",
        SessionFormat.CO_LOCATED,
        CENTRE,
        "past",
        days=-14,
        hours=6.5,
        capacity=12,
        description="The first group of new starters this term.",
        facilitator="Alex (demo trainer), partnership training lead",
        bookers=(POLICE, HEALTH, SOCIAL_CARE, EDUCATION, EARLY_HELP, HOUSING, POLICE_2, HEALTH_2),
        marks={
            POLICE: Attendance.ATTENDED,
            HEALTH: Attendance.ATTENDED,
            SOCIAL_CARE: Attendance.ATTENDED,
            EDUCATION: Attendance.ATTENDED,
            EARLY_HELP: Attendance.ATTENDED,
            HOUSING: Attendance.ABSENT,
            POLICE_2: Attendance.LATE_CANCELLATION,
            HEALTH_2: Attendance.ATTENDED,
        },
    ),
    DemoSession(
        SCHOOLS,
        "Learning circle: sharing chronologies",
        SessionFormat.LEARNING_CIRCLE,
        HUB,
        "cancelled",
        days=12,
        start=time(15, 30),
        hours=1.5,
        capacity=12,
        min_agencies=2,
        max_agency_share=60,
        facilitator="Designated safeguarding lead network",
        cancellation_reason=(
            "The facilitator is unwell. We have added the topic to the workshop on the Brooks family: "
            "please book a place on that instead."
        ),
    ),
]


# -- loading ----------------------------------------------------------------------


def load(stdout, now=None):
    """Write the demo programmes, venues, sessions and bookings; returns a summary line."""
    now = now or timezone.now()
    index = ensure_programme_index()
    programmes = {spec["slug"]: write_programme(index, spec) for spec in PROGRAMMES}
    venues = {spec["name"]: write_venue(spec) for spec in VENUES}
    trainer = demo_trainer()
    attendees = demo_attendees()
    sessions = []
    for spec in SESSIONS:
        session = write_session(spec, programmes[spec.programme], venues[spec.venue], trainer, now)
        if attendees:
            book_attendees(spec, session, attendees, stdout)
        if spec.role == "past" and attendees:
            mark_register(spec, session, attendees, trainer, stdout)
        if spec.role == "cancelled" and session.status != SessionStatus.CANCELLED:
            cancel(session, spec.cancellation_reason, trainer)
        sessions.append(session)
    people = f", {len(attendees)} demo attendees" if attendees else ""
    return f"{len(programmes)} induction programmes, {len(sessions)} sessions{people}"


# -- programmes -------------------------------------------------------------------


def write_programme(index, spec):
    """The programme page with this content, published; a page that already has it is left alone."""
    page = InductionProgrammePage.objects.filter(slug=spec["slug"]).first()
    creating = page is None
    before = None if creating else programme_fingerprint(page)
    page = page or InductionProgrammePage(slug=spec["slug"])
    page.title = spec["title"]
    page.summary = spec["summary"]
    page.audience = spec["audience"]
    page.refresher_months = spec["refresher_months"]
    page.areas = list(Area.objects.filter(slug__in=spec["areas"]).order_by("pk"))
    page.learning_aims = list(spec["aims"])
    page.modules = modules(spec["modules"])
    if creating:
        index.add_child(instance=page)
    if creating or programme_fingerprint(page) != before or not page.live:
        publish(page)
    return page


def modules(specs):
    """StreamField data for the modules, skipping scenarios and case studies not loaded."""
    scenarios = {page.slug: page for page in ScenarioPage.objects.live()}
    case_studies = {
        page.slug: page
        for page in Page.objects.live()
        .filter(content_type__app_label="case_studies", content_type__model="casestudypage")
        .order_by("pk")
    }
    out = []
    for spec in specs:
        kind = spec[0]
        if kind in ("scenario", "case_study"):
            found = (scenarios if kind == "scenario" else case_studies).get(spec[1])
            if found is not None:
                out.append((kind, {"page": found, "note": spec[2], "required": True}))
        else:
            out.append((kind, {"required": True, **spec[1]}))
    return out


def programme_fingerprint(page):
    return {
        "title": page.title,
        "summary": page.summary,
        "audience": page.audience,
        "refresher_months": page.refresher_months,
        "areas": sorted(area.pk for area in page.areas.all()),
        "aims": plain(page.learning_aims),
        "modules": plain(page.modules),
    }


def plain(value):
    """A StreamField value as plain lists, dicts and strings; pages by id."""
    if hasattr(value, "raw_data") and hasattr(value, "__iter__"):  # a StreamValue
        return [(child.block_type, plain(child.value)) for child in value]
    if isinstance(value, Page):
        return value.pk
    if hasattr(value, "items"):
        return {key: plain(item) for key, item in value.items()}
    return value


def publish(page):
    from cms.anonymisation.guard import is_guarded
    from cms.anonymisation.publishing import clear_and_publish

    if is_guarded(page):
        clear_and_publish(page, attest_by_system=True)  # demo text passes the check
    else:
        page.save_revision().publish()


# -- venues and sessions ---------------------------------------------------------


def write_venue(spec):
    venue, _ = Venue.objects.update_or_create(
        name=spec["name"], defaults={"address": spec["address"], "accessibility": spec["accessibility"]}
    )
    return venue


def demo_trainer():
    from cms.users.models import User

    return User.objects.filter(email=TRAINER_EMAIL).first()


def local_at(day, at):
    return timezone.make_aware(datetime.combine(day, at))


def times_for(spec, now):
    """The session's start, end and booking dates for its role, relative to ``now``."""
    today = timezone.localdate(now)
    length = timedelta(hours=spec.hours)
    if spec.role == "today":
        starts_at = today_start(now)
        return {
            "starts_at": starts_at,
            "ends_at": starts_at + length,
            "booking_opens_at": starts_at - timedelta(days=21),
            "booking_closes_at": starts_at - timedelta(minutes=30),
            "cancellation_cutoff_at": starts_at - timedelta(days=2),
            "mix_release_at": None,
        }
    starts_at = local_at(today + timedelta(days=spec.days), spec.start)
    if spec.role == "past":
        opens = starts_at - timedelta(days=30)
    else:
        opens = min(local_at(today - timedelta(days=7), time(9, 0)), starts_at - timedelta(days=7))
    return {
        "starts_at": starts_at,
        "ends_at": starts_at + length,
        "booking_opens_at": opens,
        "booking_closes_at": local_at(timezone.localdate(starts_at) - timedelta(days=2), time(17, 0)),
        "cancellation_cutoff_at": starts_at - timedelta(days=3),
        "mix_release_at": (
            None if spec.release_days_before is None else starts_at - timedelta(days=spec.release_days_before)
        ),
    }


def today_start(now):
    """An hour or so from now on a quarter hour, still today; late at night, in a few minutes."""
    local = timezone.localtime(now).replace(second=0, microsecond=0)
    quarter = math.ceil((local.minute + 1) / 15) * 15
    start = local.replace(minute=0) + timedelta(hours=1, minutes=quarter)
    if start.date() != local.date():
        start = local + timedelta(minutes=5)
    return start


def is_stale(session, spec, now):
    """Whether the session no longer plays its role today (the loader last ran on an earlier day)."""
    if spec.role == "upcoming":
        return session.starts_at < now + UPCOMING_MIN_NOTICE
    if spec.role == "today":
        return session.ends_at <= now or timezone.localdate(session.starts_at) != timezone.localdate(now)
    return False


def write_session(spec, programme, venue, trainer, now):
    """The demo session of this title in the demo programmes: created, or moved back into its role."""
    session = Session.objects.filter(
        title=spec.title, programme__slug__in=[p["slug"] for p in PROGRAMMES]
    ).first()
    if session is None:
        return Session.objects.create(
            programme=programme,
            title=spec.title,
            format=spec.format,
            description=spec.description,
            venue=venue,
            facilitator=spec.facilitator,
            capacity=spec.capacity,
            max_agency_share=spec.max_agency_share,
            min_agencies=spec.min_agencies,
            created_by=trainer,
            **times_for(spec, now),
        )
    if session.status == SessionStatus.SCHEDULED and is_stale(session, spec, now):
        for name, value in times_for(spec, now).items():
            setattr(session, name, value)
        session.save()
        service.session_changed(session.pk)  # new calendar SEQUENCE; anyone booked is told
        if spec.role == "today":
            clear_register(session)
    return session


def clear_register(session):
    """The fictional attendees' marks on the session cleared (through the service), so the
    demo trainer can mark the register again on its new day."""
    marked = Booking.objects.filter(session=session, user__email__in=ALL_ATTENDEES).exclude(
        attendance=Attendance.UNMARKED
    )
    for booking in marked.filter(status=BookingStatus.CONFIRMED):
        service.mark_attendance(booking.pk, Attendance.UNMARKED, now=session.starts_at)


# -- the fictional attendees and their bookings ---------------------------------


def demo_attendees():
    """{email: user} of the demo attendees, made or refreshed; {} when demo accounts are disabled."""
    if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
        return {}
    from allauth.account.models import EmailAddress

    from cms.users.models import User

    practitioners = Group.objects.get(name=roles.PRACTITIONER)
    agencies = {agency.slug: agency for agency in Agency.objects.all()}
    people = {}
    for email, name, agency, job_title in ATTENDEES:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
            user.set_unusable_password()  # fictional: nobody signs in as them
        user.display_name = name
        user.agency = agencies[agency]
        user.area = Area.objects.filter(slug="leeds").first()
        user.job_title = job_title + ATTENDEE_JOB_NOTE
        user.is_staff = user.is_superuser = False
        user.save()
        user.groups.set([practitioners])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people[email] = user
    return people


def book_attendees(spec, session, attendees, stdout):
    """The spec's attendees booked on the session, through the booking service, as if soon after
    booking opened. Someone already booked (or whose booking has ended) is left as they are."""
    if session.status != SessionStatus.SCHEDULED:
        return
    booked = set(
        Booking.objects.filter(session=session, user__email__in=spec.bookers).values_list(
            "user__email", flat=True
        )
    )
    for position, email in enumerate(spec.bookers):
        if email in booked:
            continue
        when = session.booking_opens_at + timedelta(hours=1, minutes=7 * position)
        try:
            service.book(
                session.pk, attendees[email], access_needs=spec.access_needs.get(email, ""), now=when
            )
        except service.BookingError as refusal:
            stdout.write(f"    {session.title}: {email} not booked: {refusal.message}")


def mark_register(spec, session, attendees, trainer, stdout):
    """The past session's register, marked through the service where still unmarked."""
    bookings = Booking.objects.filter(
        session=session,
        user__email__in=list(spec.marks),
        status=BookingStatus.CONFIRMED,
        attendance=Attendance.UNMARKED,
    ).select_related("user")
    for booking in bookings:
        try:
            service.mark_attendance(
                booking.pk, spec.marks[booking.user.email], by=trainer, now=session.ends_at
            )
        except service.BookingError as refusal:
            stdout.write(
                f"    {session.title}: register not marked for {booking.user.email}: {refusal.message}"
            )


def cancel(session, reason, trainer):
    service.cancel_session(session.pk, reason, by=trainer)
