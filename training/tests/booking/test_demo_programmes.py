"""The demo programmes, sessions and bookings: what `make run` shows, and loading twice adds nothing."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, Revision

from cms.core.demo import demo_modules
from cms.users import demo as demo_accounts
from cms.users import roles
from cms.users.models import User
from training import demo_programmes
from training.booking import service
from training.booking.rules import MixRule
from training.choices import Attendance, BookingStatus, SessionFormat, SessionStatus
from training.models import Booking, InductionProgrammePage, ProgrammeIndexPage, Session, Venue
from training.tests.factories import make_scenario

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]


def load(now=None):
    out = StringIO()
    summary = demo_programmes.load(out, now=now)
    return summary, out.getvalue()


@pytest.fixture
def accounts():
    """The demo accounts, as `make run` loads them before training's demo."""
    demo_accounts.load(StringIO())


def sessions_in(role):
    titles = [spec.title for spec in demo_programmes.SESSIONS if spec.role == role]
    return list(Session.objects.filter(title__in=titles).order_by("starts_at"))


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "venues": Venue.objects.count(),
        "sessions": list(
            Session.objects.order_by("pk").values_list("pk", "starts_at", "status", "confirmed_count")
        ),
        "bookings": list(Booking.objects.order_by("pk").values_list("pk", "status", "attendance")),
        "users": User.objects.count(),
    }


def test_programmes_under_the_index_with_aims_in_both_groups_and_ordered_modules(accounts):
    load()
    index = ProgrammeIndexPage.objects.get()
    assert index.live and index.url == "/training/"
    programmes = list(InductionProgrammePage.objects.child_of(index).live().order_by("title"))
    assert [p.title for p in programmes] == [
        "Leeds joint safeguarding induction",
        "Schools and health: working together",
    ]
    leeds, schools = programmes
    for programme in programmes:
        assert {block.block_type for block in programme.learning_aims} == {
            "practical_side",
            "professional_culture",
        }
        assert [area.slug for area in programme.areas.all()] == ["leeds"]
    assert leeds.refresher_months is None and schools.refresher_months == 12
    # No scenarios or case studies are loaded here: those modules are left out, the rest kept in order.
    assert [block.block_type for block in leeds.modules] == ["session", "shadowing", "session", "session"]
    shadowing = next(block.value for block in leeds.modules if block.block_type == "shadowing")
    assert (shadowing["host_agency"], shadowing["length"], shadowing["unit"]) == (
        "childrens-social-care",
        2,
        "weeks",
    )
    assert shadowing["description"].startswith("Two weeks in the MASH")
    venues = list(Venue.objects.order_by("name"))
    assert len(venues) == 2 and all(
        "Step-free" in v.accessibility or "level access" in v.accessibility for v in venues
    )


def test_modules_link_the_demo_scenarios_and_case_studies_when_they_are_loaded(accounts):
    scenario = make_scenario(title="What the police share", slug="new-to-the-mash-strategy-discussion")
    case_studies = dict(demo_modules())["case_studies"]  # found as the loader finds it: no import
    case_studies.load(StringIO())
    load()
    leeds = InductionProgrammePage.objects.get(slug="leeds-joint-safeguarding-induction")
    kinds = [block.block_type for block in leeds.modules]
    assert kinds == ["session", "scenario", "case_study", "shadowing", "session", "session"]
    assert leeds.modules[1].value["page"].pk == scenario.pk
    story = leeds.modules[2].value["page"]
    assert (
        story.slug == "police-shadowing-in-the-mash"
        and story.specific_class._meta.app_label == "case_studies"
    )
    schools = InductionProgrammePage.objects.get(slug="schools-and-health-working-together")
    assert [b.value["page"].slug for b in schools.modules if b.block_type == "case_study"] == [
        "dental-missed-appointments",
        "school-chronology-advice-line",
    ]


def test_sessions_in_each_role(accounts):
    now = timezone.now()
    load(now)

    upcoming = sessions_in("upcoming")
    assert len(upcoming) == 4
    assert len({s.format for s in upcoming}) == 4
    assert {s.capacity for s in upcoming} == {12, 16, 20, 24}
    assert [s.title for s in upcoming if s.mix_release_at] == ["Learning circle: your first month"]
    for session in upcoming:
        assert session.status == SessionStatus.SCHEDULED
        assert session.booking_opens_at <= now < session.booking_closes_at < session.starts_at
        assert session.cancellation_cutoff_at > now

    [today] = sessions_in("today")
    assert now < today.starts_at and today.booking_opens_at < today.booking_closes_at
    if timezone.localtime(now).hour < 22:
        assert timezone.localdate(today.starts_at) == timezone.localdate(now)
    confirmed = list(today.bookings.confirmed().select_related("user", "agency"))
    assert today.confirmed_count == len(confirmed) == 8
    assert len({b.agency.slug for b in confirmed}) == 6
    assert all(b.attendance == Attendance.UNMARKED for b in confirmed)
    assert MixRule.for_session(today, now).holds(Counter(b.agency_id for b in confirmed))
    trainer = User.objects.get(email="trainer@example.org")
    assert today.created_by == trainer

    [past] = sessions_in("past")
    assert past.ends_at < now
    marks = Counter(past.bookings.values_list("attendance", flat=True))
    assert marks == {Attendance.ATTENDED: 6, Attendance.ABSENT: 1, Attendance.LATE_CANCELLATION: 1}

    [cancelled] = sessions_in("cancelled")
    assert cancelled.status == SessionStatus.CANCELLED and "Brooks family" in cancelled.cancellation_reason

    # Some upcoming sessions show a mix so far; every count matches its confirmed bookings.
    assert sum(s.confirmed_count for s in upcoming) == 7
    for session in Session.objects.all():
        assert session.confirmed_count == session.bookings.confirmed().count() <= session.capacity


def test_the_attendees_are_fictional_demo_practitioners(accounts):
    load()
    attendees = list(User.objects.filter(email__in=demo_programmes.ALL_ATTENDEES))
    assert len(attendees) == len(demo_programmes.ATTENDEES) == 8
    practitioners = Group.objects.get(name=roles.PRACTITIONER)
    for person in attendees:
        assert person.email.endswith("@example.org") and "(demo attendee)" in person.display_name
        assert "fictional demo account" in person.job_title
        assert list(person.groups.all()) == [practitioners]
        assert person.agency is not None and not person.has_usable_password() and not person.is_staff


def test_the_demo_practitioner_can_book_every_upcoming_demo_session(accounts):
    load()
    practitioner = User.objects.get(email="practitioner@example.org")
    assert practitioner.agency.slug == "education"
    outcomes = [service.book(session.pk, practitioner).result for session in sessions_in("upcoming")]
    assert outcomes == ["confirmed"] * 4


def test_the_demo_trainer_can_mark_today_s_register(accounts):
    load()
    [today] = sessions_in("today")
    booking = today.bookings.confirmed().first()
    trainer = User.objects.get(email="trainer@example.org")
    marked = service.mark_attendance(booking.pk, Attendance.ATTENDED, by=trainer, now=today.starts_at)
    assert marked.attendance == Attendance.ATTENDED


def test_loading_twice_adds_and_changes_nothing(accounts):
    now = timezone.now()
    load(now)
    before = snapshot()
    summary, output = load(now + timedelta(minutes=5))
    assert snapshot() == before
    assert summary == "2 induction programmes, 7 sessions, 8 demo attendees"
    assert output == ""


def test_on_a_later_day_sessions_move_back_into_their_roles_without_duplicates(accounts):
    now = timezone.now()
    load(now)
    [today] = sessions_in("today")
    for booking in today.bookings.confirmed()[:3]:
        service.mark_attendance(booking.pk, Attendance.ABSENT, now=today.starts_at)
    counts = (Session.objects.count(), Booking.objects.count(), User.objects.count())

    later = now + timedelta(days=8)
    load(later)
    assert (Session.objects.count(), Booking.objects.count(), User.objects.count()) == counts
    [moved] = sessions_in("today")
    assert moved.pk == today.pk and later < moved.starts_at and moved.ends_at > later
    assert set(moved.bookings.values_list("attendance", flat=True)) == {Attendance.UNMARKED}
    assert moved.bookings.confirmed().count() == 8
    for session in sessions_in("upcoming"):
        assert session.starts_at >= later + demo_programmes.UPCOMING_MIN_NOTICE
        assert session.booking_opens_at <= later < session.booking_closes_at
    [past] = sessions_in("past")
    assert past.ends_at < now  # the past session stays where it was


def test_without_demo_accounts_sessions_have_no_bookings(settings):
    settings.DEMO_ACCOUNTS_ENABLED = False
    summary, _ = load()
    assert summary == "2 induction programmes, 7 sessions"
    assert not User.objects.filter(email__in=demo_programmes.ALL_ATTENDEES).exists()
    assert not Booking.objects.exists()
    assert Session.objects.filter(status=SessionStatus.SCHEDULED).count() == 6
    assert set(Session.objects.values_list("format", flat=True)) == set(SessionFormat.values)
    # The past session's register has nobody on it, and the cancelled one is still cancelled.
    assert not Booking.objects.filter(status=BookingStatus.CONFIRMED).exists()
