"""Trainers' tools in the Wagtail admin: sessions and venues, bookings with the agency mix,
the register, CSV export, messages to attendees, cancelling a session and the
non-attendance report.

Nothing here changes a booking: every such change goes through
``training.booking.service`` (and emails through ``training.booking.notifications``).
"""
