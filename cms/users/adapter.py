"""Allauth hooks: new accounts become Practitioners; email goes through the task queue;
two-factor sign-in cannot be switched off by those who must use it."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth.models import Group
from django.contrib.sites.shortcuts import get_current_site

from cms.core.tasks import send_email

from .roles import PRACTITIONER


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            group, _ = Group.objects.get_or_create(name=PRACTITIONER)
            user.groups.add(group)
        return user

    def is_reauthentication_required(self, *, app, **kwargs):
        """Two-factor settings ask for the password again, unless the person signed in
        with it in the last few minutes: an Editor sent to set up two-factor sign-in
        straight after signing in is not asked for the password twice in a minute."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = self.request or allauth_context.request
        if required and app == "allauth.mfa" and request is not None and request.user.is_authenticated:
            now = time.time()
            if any(
                record.get("method") == "password"
                and now - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
                for record in get_authentication_records(request, request.user)
            ):
                return False
        return required

    def clean_email(self, email):
        """Every address allauth takes (sign-up, adding an address) is refused past the
        column's length rather than truncated."""
        from .forms import validate_email_length

        return super().clean_email(validate_email_length(email))

    def send_mail(self, template_prefix, email, context):
        """Render now, while the request is here, and send from the worker."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, ctx)
        html_body = next(
            (body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), None
        )
        send_email.enqueue(
            subject=message.subject,
            body=message.body,
            to=message.to,
            html_body=html_body,
            from_email=message.from_email,
        )


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": (
            "Editors, trainers and administrators must keep two-factor sign-in switched on."
        ),
    }

    def build_totp_svg(self, url):
        """The QR code as inline SVG (no data: image for the Content-Security-Policy to
        allow), without its XML declaration and hidden from screen readers: the template
        labels it and shows the secret as text beside it."""
        svg = super().build_totp_svg(url)
        if svg.startswith("<?xml"):
            svg = svg.split("?>", 1)[1].strip()
        return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)

    def can_delete_authenticator(self, authenticator):
        from .mfa import mfa_required

        return not mfa_required(authenticator.user)
