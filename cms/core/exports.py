"""Spreadsheet exports (CSV and XLSX) that never hand a spreadsheet a formula.

Report exports carry text other people typed: search terms from the public search
box, page titles drafted by champions. A cell beginning with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is run as a formula when the file is opened in Excel,
LibreOffice or Google Sheets (CSV or formula injection), so such text gets a leading
single quote, as OWASP recommends: it is then shown as text, never evaluated.

* :func:`neutralise_formula` is the one rule. Only text is touched: numbers (``-3``),
  dates and empty cells keep their type, so they stay numbers in a spreadsheet.
* :func:`protect_wagtail_exports` (called from ``cms.core.apps``) applies it to every
  cell and heading of Wagtail's ``SpreadsheetExportMixin``, CSV and XLSX alike: so every
  export, Wagtail's own (the search terms report, site history, locked and aging pages,
  workflows, redirects, form submissions, snippet listings) and ours (any ``ReportView``
  with ``list_export``), is neutralised with no mixin to remember.
"""

from functools import wraps

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text a spreadsheet would treat as a formula, prefixed with ``'``; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _neutralising(method):
    if getattr(method, "neutralises_formulas", False):
        return method

    @wraps(method)
    def wrapper(*args, **kwargs):
        return neutralise_formula(method(*args, **kwargs))

    wrapper.neutralises_formulas = True
    return wrapper


def protect_wagtail_exports():
    """Pass every cell and heading of Wagtail's ``SpreadsheetExportMixin`` through
    :func:`neutralise_formula` (idempotent). ``preprocess_field_value`` is the one place
    both ``write_csv_row`` and ``generate_xlsx_row`` get each cell from, after any
    ``custom_field_preprocess`` / ``custom_value_preprocess`` has run."""
    for name in ("preprocess_field_value", "get_heading"):
        setattr(SpreadsheetExportMixin, name, _neutralising(getattr(SpreadsheetExportMixin, name)))
