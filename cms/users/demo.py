"""Demo accounts, one per role. Development only: never created under production settings.

Passwords are derived from the checkout's own SECRET_KEY, so they are stable across
runs of one checkout, differ between checkouts, and never appear in the repository.

The demo Editor and Trainer must use two-factor sign-in like real ones (settings
.REQUIRE_MFA_FOR_STAFF stays on in development), so each gets an authenticator-app (TOTP)
key derived the same way; `manage.py demo_accounts` prints it and the code it gives now.
"""

import base64
import hashlib
import hmac

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.conf import settings
from django.contrib.auth.models import Group

from cms.taxonomy.models import Agency, Area

from . import roles
from .models import User

DEMO_ACCOUNTS = [
    # email, display name, role, agency slug, job title, area slug
    (
        "practitioner@example.org",
        "Sam (demo practitioner)",
        roles.PRACTITIONER,
        "education",
        "Designated safeguarding lead",
        "leeds",
    ),
    (
        "trainer@example.org",
        "Alex (demo trainer)",
        roles.TRAINER,
        "childrens-social-care",
        "Partnership training lead",
        "newham",
    ),
    (
        "champion@example.org",
        "Jo (demo champion)",
        roles.CHAMPION,
        "health",
        "Named nurse for safeguarding",
        "sheffield",
    ),
    (
        "editor@example.org",
        "Priya (demo editor)",
        roles.EDITOR,
        "childrens-social-care",
        "Learning and improvement editor",
        "national",
    ),
]


def demo_password(email):
    digest = hmac.new(settings.SECRET_KEY.encode(), email.encode(), hashlib.sha256).hexdigest()
    return f"demo-{digest[:12]}"


def demo_totp_secret(email):
    """A base32 TOTP key (what an authenticator app is given), derived like the password."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"totp:{email}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:20]).decode()


def needs_authenticator(role):
    from .mfa import MFA_REQUIRED_ROLES

    return role in MFA_REQUIRED_ROLES


def load(stdout):
    if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
        return "demo accounts skipped (not enabled in these settings)"
    for email, name, role, agency, job_title, area in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(email=email)
        user.display_name = name
        user.agency = Agency.objects.filter(slug=agency).first()
        user.area = Area.objects.filter(slug=area).first()
        user.job_title = job_title
        user.is_superuser = False
        user.set_password(demo_password(email))
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if needs_authenticator(role):
            Authenticator.objects.update_or_create(
                user=user,
                type=Authenticator.Type.TOTP,
                defaults={"data": {"secret": encrypt(demo_totp_secret(email))}},
            )
    return f"{len(DEMO_ACCOUNTS)} demo accounts (passwords: manage.py demo_accounts)"
