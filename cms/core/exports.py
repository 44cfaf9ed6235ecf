"""Spreadsheet exports (CSV and XLSX) that never hand a spreadsheet a formula.

Report exports carry text other people typed: search terms from the public search
box, page titles drafted by champions. A cell beginning with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is run as a formula when the file is opened in Excel,
LibreOffice or Google Sheets (CSV or formula injection), so such text gets a leading
single quote, as OWASP recommends: it is then shown as text, never evaluated.

* :func:`neutralise_formula` is the one rule. Only text is touched: numbers (``-3``),
  dates and empty cells keep their type, so they stay numbers in a spreadsheet.
* :class:`FormulaSafeExportMixin` applies it to every cell and heading of Wagtail's
  ``SpreadsheetExportMixin`` exports, CSV and XLSX alike. Every report view in this
  project with ``list_export`` uses it (``ReportView`` subclasses: put it first).
* :func:`protect_wagtail_exports` (called from ``cms.core.apps``) gives Wagtail's own
  exports (the search terms report, site history, locked and aging pages, workflows,
  redirects, form submissions, snippet listings) the same treatment.
"""

from functools import wraps

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text a spreadsheet would treat as a formula, prefixed with ``'``; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormulaSafeExportMixin(SpreadsheetExportMixin):
    """Wagtail's spreadsheet export, with every text cell passed through
    :func:`neutralise_formula` (CSV and XLSX)."""

    def preprocess_field_value(self, field, value, export_format):
        # The one place both write_csv_row and generate_xlsx_row get each cell from,
        # after any custom_field_preprocess / custom_value_preprocess has run.
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return neutralise_formula(super().get_heading(queryset, field))


def _neutralising(method):
    if getattr(method, "neutralises_formulas", False):
        return method

    @wraps(method)
    def wrapper(*args, **kwargs):
        return neutralise_formula(method(*args, **kwargs))

    wrapper.neutralises_formulas = True
    return wrapper


def protect_wagtail_exports():
    """Apply the same rule to Wagtail's own exports, whose views use Wagtail's
    ``SpreadsheetExportMixin`` directly (idempotent)."""
    for name in ("preprocess_field_value", "get_heading"):
        setattr(SpreadsheetExportMixin, name, _neutralising(getattr(SpreadsheetExportMixin, name)))
