from django.core.management.base import BaseCommand
from django.db import transaction

from cms.core.demo import demo_modules


class Command(BaseCommand):
    help = "Load (or refresh) the demo content of every app. Safe to run repeatedly."

    def handle(self, *args, **options):
        for label, module in demo_modules():
            with transaction.atomic():
                summary = module.load(self.stdout)
            self.stdout.write(f"  {label}: {summary or 'done'}")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
