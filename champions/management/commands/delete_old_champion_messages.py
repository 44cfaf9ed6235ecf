"""Delete messages to champions older than the retention period, once, now (for cron, or by hand).

The worker normally does this every day (champions.tasks.retention).
"""

from django.core.management.base import BaseCommand

from champions.contact import retention_days
from champions.tasks import delete_old_messages


class Command(BaseCommand):
    help = "Delete messages sent to champions through the site once they are older than the retention period."

    def handle(self, *args, **options):
        deleted = delete_old_messages.call()
        noun = "message" if deleted == 1 else "messages"
        self.stdout.write(f"Deleted {deleted} {noun} to champions older than {retention_days()} days.")
