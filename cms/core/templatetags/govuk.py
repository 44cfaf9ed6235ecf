"""Render Django form fields with GOV.UK Design System markup.

`{% govuk_field form.email %}` picks the component (input, select, textarea,
checkbox(es), radios) from the widget, and wires up hint and error messages with
aria-describedby, so every form on the site is accessible the same way.
"""

from django import template

register = template.Library()

INPUT_CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
AUTOCOMPLETE = {
    "email": "email",
    "password1": "new-password",
    "password2": "new-password",
    "password": "current-password",
    "display_name": "nickname",
    "job_title": "organization-title",
}


@register.inclusion_tag("includes/govuk_field.html")
def govuk_field(field, width=None):
    widget_type = field.widget_type
    # GOV.UK advises against placeholder text: it disappears and fails contrast.
    field.field.widget.attrs.pop("placeholder", None)
    error_id = f"{field.auto_id}-error"
    hint_id = f"{field.auto_id}-hint"
    describedby = []
    if field.help_text:
        describedby.append(hint_id)
    if field.errors:
        describedby.append(error_id)
    kind = "input"
    if widget_type in ("checkbox",):
        kind = "checkbox"
    elif widget_type in ("checkboxselectmultiple",):
        kind = "checkboxes"
    elif widget_type in ("radioselect",):
        kind = "radios"
    elif widget_type == "hidden":
        kind = "hidden"
    css = INPUT_CLASSES.get(widget_type, "govuk-input")
    if field.errors:
        css += {
            "govuk-select": " govuk-select--error",
            "govuk-textarea": " govuk-textarea--error",
            "govuk-file-upload": " govuk-file-upload--error",
        }.get(css, " govuk-input--error")
    if width and css.startswith("govuk-input"):
        css += f" govuk-input--width-{width}"
    attrs = {"class": css}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    name = field.name
    if name in AUTOCOMPLETE and widget_type not in ("select", "checkbox"):
        attrs["autocomplete"] = AUTOCOMPLETE[name]
    if kind == "checkbox":
        attrs["class"] = "govuk-checkboxes__input"
    widget_html = field.as_widget(attrs=attrs) if kind in ("input", "checkbox") else None
    return {
        "field": field,
        "kind": kind,
        "widget_html": widget_html,
        "error_id": error_id,
        "hint_id": hint_id,
        "describedby": " ".join(describedby),
    }


@register.inclusion_tag("includes/govuk_error_summary.html")
def govuk_error_summary(form):
    errors = []
    if form is not None and form.errors:
        for error in form.non_field_errors():
            errors.append({"text": error, "href": None})
        for field in form:
            for error in field.errors:
                href = f"#{field.auto_id}"
                if field.widget_type in ("checkboxselectmultiple", "radioselect"):
                    href = f"#{field.auto_id}_0"
                errors.append({"text": error, "href": href})
    return {"errors": errors}
