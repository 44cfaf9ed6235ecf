"""CSV files of the trainers' tools. Names and emails are typed by people, so every cell
goes through ``cms.core.exports.neutralise_formula``: a spreadsheet shows them, never runs them."""

import csv

from django.http import HttpResponse
from django.utils import timezone

from cms.core.exports import neutralise_formula

from .forms import person_name
from .queries import confirmed_bookings, other_bookings, waitlist

BOOKING_HEADINGS = ["Name", "Email", "Agency", "Status", "Booked at", "Attendance", "Waiting list position"]
NON_ATTENDANCE_HEADINGS = ["Agency", "Absent", "Late cancellations", "Total", "Sessions"]


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def booking_rows(session):
    """Confirmed places first, then the waiting list in order, then cancelled bookings."""
    for booking in confirmed_bookings(session):
        yield _booking_row(booking, "")
    for position, booking in enumerate(waitlist(session), start=1):
        yield _booking_row(booking, position)
    for booking in other_bookings(session):
        yield _booking_row(booking, "")


def _booking_row(booking, position):
    return [
        person_name(booking),
        booking.user.email if booking.user else "",
        booking.agency.name,
        booking.get_status_display(),
        _when(booking.created_at),
        booking.get_attendance_display() if booking.attendance else "Not marked",
        position,
    ]


def csv_response(filename, headings, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([neutralise_formula(heading) for heading in headings])
    for row in rows:
        writer.writerow([neutralise_formula(cell) for cell in row])
    return response


def bookings_csv(session):
    return csv_response(f"session-{session.pk}-bookings.csv", BOOKING_HEADINGS, booking_rows(session))


def non_attendance_csv(rows, start=None, end=None):
    suffix = f"-{start or 'start'}-to-{end or 'end'}" if start or end else ""
    return csv_response(
        f"non-attendance{suffix}.csv",
        NON_ATTENDANCE_HEADINGS,
        ([row.agency, row.absent, row.late, row.total, row.sessions] for row in rows),
    )
