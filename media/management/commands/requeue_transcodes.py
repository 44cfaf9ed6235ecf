"""``manage.py requeue_transcodes``: what the worker does when it starts (media.tasks.
requeue_unfinished), on demand: queue stalled and orphaned transcodes again."""

from django.core.management.base import BaseCommand

from media.tasks import requeue_unfinished


class Command(BaseCommand):
    help = "Queue again the transcodes whose worker stopped, and queued videos with no task waiting."

    def handle(self, *args, **options):
        requeued, given_up = requeue_unfinished()
        self.stdout.write(f"Queued again: {len(requeued)}. Given up after too many tries: {len(given_up)}.")
