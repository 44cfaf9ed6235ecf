"""Allauth hooks: new accounts become Practitioners; email goes through the task queue."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
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
