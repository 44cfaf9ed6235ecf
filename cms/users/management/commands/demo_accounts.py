from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.users.demo import DEMO_ACCOUNTS, demo_password


class Command(BaseCommand):
    help = "Print the demo accounts and their passwords (development settings only)."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
            raise CommandError("Demo accounts are disabled in these settings.")
        self.stdout.write("Demo accounts (development only):")
        for email, _name, role, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<13} {email:<28} {demo_password(email)}")
