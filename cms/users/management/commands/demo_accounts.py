import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.users.demo import DEMO_ACCOUNTS, demo_password, demo_totp_secret, needs_authenticator


class Command(BaseCommand):
    help = (
        "Print the demo accounts, their passwords and the demo Editor's and Trainer's "
        "authenticator-app keys with the codes they give now (development settings only)."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
            raise CommandError("Demo accounts are disabled in these settings.")
        self.stdout.write("Demo accounts (development only):")
        two_factor = []
        for email, _name, role, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<13} {email:<28} {demo_password(email)}")
            if needs_authenticator(role):
                two_factor.append((role, demo_totp_secret(email)))
        if two_factor:
            self.stdout.write(
                "Editors and trainers sign in with a code too: add the key to an authenticator app, "
                "or run this command again for a fresh code (each lasts 30 seconds)."
            )
            for role, secret in two_factor:
                self.stdout.write(f"  {role:<13} key {secret}  code now {current_totp_code(secret)}")


def current_totp_code(secret):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
