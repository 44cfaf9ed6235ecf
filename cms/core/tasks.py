"""Background tasks shared by every app."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(subject, body, to, html_body=None, from_email=None, headers=None):
    """Send one email from the worker, so a slow mail server never slows a page."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=list(to), headers=headers or None
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
