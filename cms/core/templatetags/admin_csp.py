"""Template tags for the Wagtail admin's inline-script-free initialisers (cms/core/csp.py)."""

import json

from django import template

from cms.core.csp import admin_init_data

register = template.Library()


@register.simple_tag
def admin_init(name, *args):
    """``{% admin_init "InlinePanel" options %}``: the data element init-from-data.js runs."""
    return admin_init_data(name, *args)


@register.filter
def from_json(value):
    """A JSON string (such as Wagtail's ``options_json``) as the value it encodes."""
    return json.loads(value)
