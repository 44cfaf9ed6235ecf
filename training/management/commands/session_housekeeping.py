"""Run the session housekeeping once, now (for cron, or by hand).

The worker normally does this every few minutes (training.booking.tasks.housekeeping):
reminders due, places released to the waiting list, access needs erased after sessions.
"""

from django.core.management.base import BaseCommand

from training.booking.tasks import reminder_days, run_housekeeping


class Command(BaseCommand):
    help = "Send due session reminders, offer released places to waiting lists, erase old access needs."

    def handle(self, *args, **options):
        done = run_housekeeping()
        self.stdout.write(
            f"Reminders queued: {done['reminders']} (sessions starting within {reminder_days()} days)"
        )
        self.stdout.write(f"Places offered from waiting lists after the mix release: {done['promoted']}")
        self.stdout.write(
            f"Bookings whose access needs were erased after the session: {done['access_needs_erased']}"
        )
