"""Booking in Chromium: a practitioner books a place, sees the confirmation and the calendar
link, and cancels; a trainer marks the register on a phone-sized screen."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cms.learning_record.models import LearningEvent, Verb
from tests.browser.conftest import serious_violations
from tests.browser.signing_in import sign_in
from training.booking import service
from training.models import Attendance, Booking, BookingStatus
from training.tests.session_factories import make_person, make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_practitioner_books_gets_the_calendar_file_and_cancels(page, live_server, axe):
    session = make_session(title="Leeds joint induction day", capacity=12)
    person = make_person("health", display_name="Robin")
    sign_in(page, live_server, person)

    page.goto(session.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Leeds joint induction day")
    assert serious_violations(axe, page) == []
    page.get_by_label("Access needs").fill("A seat near the door, please.")
    page.get_by_role("button", name="Book a place").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("place")
    booking = Booking.objects.get(session=session, user=person)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.access_needs == "A seat near the door, please."
    calendar_link = page.locator("#add-to-calendar")
    expect(calendar_link).to_be_visible()
    calendar = page.request.get(calendar_link.get_attribute("href"))
    assert calendar.status == 200
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert b"METHOD:REQUEST" in calendar.body()
    assert serious_violations(axe, page) == []

    page.get_by_role("button", name="Cancel my place").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("cancelled")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    expect(page.get_by_role("button", name="Book a place")).to_be_visible()

    page.goto("/sessions/mine/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(axe, page) == []


def test_a_trainer_marks_the_register_on_a_phone(phone_page, live_server, axe):
    now = timezone.now()
    session = make_session(
        title="Learning circle: sharing without consent",
        starts_at=now - timedelta(minutes=30),
        length=timedelta(hours=3),
        booking_opens_at=now - timedelta(days=10),
        booking_closes_at=now - timedelta(days=1),
        cancellation_cutoff_at=now - timedelta(days=3),
    )
    before = now - timedelta(days=5)
    people = {
        "Ash": make_person("police", display_name="Ash"),
        "Bea": make_person("health", display_name="Bea"),
        "Cal": make_person("education", display_name="Cal"),
    }
    for person in people.values():
        assert service.book(session.pk, person, now=before).result == "confirmed"
    trainer = make_person("childrens-social-care", role="Trainer", display_name="Trainer")
    page = phone_page
    sign_in(page, live_server, trainer)

    page.goto(reverse("training_sessions:register", args=[session.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(session.title)
    assert serious_violations(axe, page) == []
    marks = {"Ash": "Attended", "Bea": "Absent", "Cal": "Late cancellation"}
    for name, mark in marks.items():
        group = page.get_by_role("group", name=name)
        group.get_by_label(mark, exact=True).check()
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Save register").click()

    expect(page.locator("#register-counts")).to_contain_text("1 attended, 1 absent, 1 late cancellation")
    attendance = dict(Booking.objects.filter(session=session).values_list("user__display_name", "attendance"))
    assert attendance == {
        "Ash": Attendance.ATTENDED,
        "Bea": Attendance.ABSENT,
        "Cal": Attendance.LATE_CANCELLATION,
    }
    attended = LearningEvent.objects.filter(verb=Verb.ATTENDED, object_id=session.pk)
    assert list(attended.values_list("user__display_name", flat=True)) == ["Ash"]
    assert serious_violations(axe, page) == []
