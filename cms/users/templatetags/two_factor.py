"""Template helpers for the two-factor sign-in pages."""

from django import template

from cms.users import mfa

register = template.Library()


@register.simple_tag(takes_context=True)
def mfa_continue_url(context):
    """The admin URL someone was on their way to when they were sent to set up
    two-factor sign-in ("" if they came of their own accord)."""
    request = context.get("request")
    return mfa.setup_next_url(request) if request is not None else ""


@register.filter
def mfa_required(user):
    return mfa.mfa_required(user)
