"""Template tags for pages that list sessions (the programme pages): the facts of each
session (places left, mix so far) and the programme's modules, in a fixed number of queries."""

from django import template
from django.db.models import QuerySet

from training.booking import presenters

register = template.Library()


@register.simple_tag(takes_context=True)
def session_summaries(context, sessions):
    """`{% session_summaries page.upcoming_sessions as summaries %}`: a SessionSummary each."""
    if isinstance(sessions, QuerySet):
        sessions = sessions.select_related("venue", "programme")
    request = context.get("request")
    return presenters.summarise(sessions, getattr(request, "user", None))


@register.simple_tag(takes_context=True)
def programme_modules(context, page):
    return presenters.programme_modules(page, context.get("request"))


@register.simple_tag
def learning_aim_groups(page):
    return presenters.learning_aim_groups(page)


@register.simple_tag
def upcoming_session_counts(programmes):
    return presenters.upcoming_session_counts(programmes)


@register.filter
def date_words(moment):
    return presenters.date_words(moment) if moment else ""


@register.filter
def refresher_words(months):
    return presenters.refresher_words(months)
