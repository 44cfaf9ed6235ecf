"""The Wagtail admin under our Content-Security-Policy (no 'unsafe-inline' scripts).

Wagtail 8 still starts a few widgets with an inline ``<script>``, which the policy blocks:

* every chooser widget (``BaseChooser.render``: ``new PageChooser(id, options)`` and so on),
* InlinePanel and MultipleChooserPanel (their templates' ``js_init`` block),
* the date, time and date-time inputs (their widget templates),
* promoted search results' add and edit forms.

Here each of them is rendered instead as inert data,
``<script type="application/json" data-app-admin-init="PageChooser">[arguments]</script>``,
which ``cms/static/js/admin/csp.js`` (loaded first on every admin page by our
``wagtailadmin/admin_base.html``) finds, as the page is parsed and whenever the admin
inserts HTML later (InlinePanel's "Add", modals, listings refreshed in place), and hands to
the named initialiser, which must be one of a fixed list. The template overrides are in
``cms/core/templates/wagtailadmin/`` and ``cms/core/templates/wagtailsearchpromotions/``.

The rich text editor (Draftail, in React) also creates ``<style>`` elements (its
placeholder text and nested list numbering). ``csp.js`` gives the ``<style>`` elements that
admin scripts create this response's nonce, which the admin base template hands it; style
elements and attributes in HTML (injected markup) are still blocked.

``cms/core/tests/test_csp.py`` fails if any admin screen still carries an inline script, and
``tests/browser/test_csp_admin.py`` if any admin screen it drives reports a violation.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# As django.utils.html.json_script: the JSON can never close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def admin_init_data(name, *args):
    """The data element that has csp.js call ``name(*args)`` (or ``new name(...)``)."""
    data = json.dumps(list(args), cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/json" data-app-admin-init="{}">{}</script>', name, mark_safe(data)
    )


def _chooser_initialiser(widget, id_, name, value_data):
    """(name, args) for a chooser widget's initialiser, or None if we do not know its form."""
    from wagtail.admin.widgets import BaseChooser
    from wagtail.admin.widgets.workflows import AdminTaskChooser

    render_js_init = type(widget).render_js_init
    if render_js_init is BaseChooser.render_js_init:  # f"new {js_constructor}(id, options);"
        return widget.js_constructor, [id_, widget.get_js_init_options(id_, name, value_data)]
    if render_js_init is AdminTaskChooser.render_js_init:  # f"createTaskChooser(id);"
        return "createTaskChooser", [id_]
    return None


def init_chooser_widgets_from_data():
    """Render Wagtail's chooser widgets with a data element in place of their inline script.

    BaseChooser.render is Wagtail's own, less its last line. A chooser whose initialiser we
    do not recognise keeps Wagtail's inline script (which the policy then blocks, and the
    admin test in cms/core/tests/test_csp.py reports).
    """
    from wagtail.admin.widgets import BaseChooser

    if getattr(BaseChooser.render, "renders_init_as_data", False):
        return
    original_render = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError):
            return original_render(self, name, value, attrs, renderer)  # raises Wagtail's error
        value_data = self.get_value_data(value)
        initialiser = _chooser_initialiser(self, id_, name, value_data)
        if initialiser is None:
            return original_render(self, name, value, attrs, renderer)
        widget_html = self.render_html(name, value_data, attrs)
        return format_html("{}{}", widget_html, admin_init_data(initialiser[0], *initialiser[1]))

    render.renders_init_as_data = True
    BaseChooser.render = render
