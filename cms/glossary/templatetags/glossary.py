"""``{% load glossary %}``: ``{% explain_terms value %}`` explains the first mention of each
glossary term on the page (see cms/glossary/inline.py).

``value`` may be a rich-text string (already HTML, e.g. from ``|richtext``), a ``RichText``,
a StreamField value or one of its blocks (rendered with the template's context, as
``{% include_block %}`` does), or plain text (escaped first, as ``{{ value }}`` would).
The terms explained are remembered on the request (``request._glossary_seen``), so each
term is explained once per page however many times the tag is used.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..inline import explain_terms as explain
from ..inline import get_matcher

register = template.Library()

SEEN_ATTRIBUTE = "_glossary_seen"


def seen_terms(context):
    request = context.get("request")
    if request is None:
        # No request (e.g. an email): remember within this rendering only.
        return context.render_context.setdefault(SEEN_ATTRIBUTE, set())
    if not hasattr(request, SEEN_ATTRIBUTE):
        setattr(request, SEEN_ATTRIBUTE, set())
    return getattr(request, SEEN_ATTRIBUTE)


def to_html(context, value):
    if value is None:
        return ""
    if hasattr(value, "render_as_block"):  # StreamValue, StreamChild, BoundBlock
        value = value.render_as_block(context=context.flatten())
    # Safe strings and objects with __html__ (RichText) as they are; plain text escaped.
    return str(conditional_escape(value))


@register.simple_tag(takes_context=True)
def explain_terms(context, value):
    html = to_html(context, value)
    if not html.strip():
        return mark_safe(html)
    return mark_safe(explain(html, get_matcher(), seen_terms(context)))
