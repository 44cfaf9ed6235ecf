"""Spreadsheet exports never hand a spreadsheet a formula (CSV / formula injection)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.search_promotions.models import Query

from cms.core.exports import neutralise_formula

DANGEROUS = ["=1+2", "+1+2", "-2+3", "@SUM(1+1)", "\t=1+2", "\r=1+2", '=HYPERLINK("http://x.example")']


@pytest.mark.parametrize("value", DANGEROUS)
def test_cells_that_a_spreadsheet_would_run_get_a_leading_quote(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["dental neglect", "", "'=already quoted", "a=b", " county lines"])
def test_ordinary_text_is_left_alone(value):
    assert neutralise_formula(value) == value


@pytest.mark.parametrize("value", [-3, 0, 7, -1.5, Decimal("-2.25"), None, True, datetime.date(2026, 1, 2)])
def test_numbers_dates_and_empty_cells_keep_their_type(value):
    assert neutralise_formula(value) is value


class FakeExport(SpreadsheetExportMixin):  # neutralised by protect_wagtail_exports()
    list_export = ["text", "count"]
    export_headings = {"text": "=Heading", "count": "Count"}

    class queryset(list):
        model = None


ROWS = [
    {"text": "=1+2", "count": -3},
    {"text": "@SUM(1+1)", "count": Decimal("-1.5")},
    {"text": "ok", "count": 4},
]


def export(view, export_format):
    queryset = FakeExport.queryset(ROWS)
    view.to_row_dict = lambda item: dict(item)
    if export_format == "csv":
        body = b"".join(view.stream_csv(queryset))
        return list(csv.reader(io.StringIO(body.decode())))
    output = io.BytesIO()
    view.write_xlsx(queryset, output)
    output.seek(0)
    return load_workbook(output).active


def test_export_csv_rows_are_neutralised_and_numbers_stay_numbers():
    rows = export(FakeExport(), "csv")
    assert rows == [["'=Heading", "Count"], ["'=1+2", "-3"], ["'@SUM(1+1)", "-1.5"], ["ok", "4"]]


def test_export_xlsx_cells_are_text_not_formulas_and_numbers_stay_numbers():
    sheet = export(FakeExport(), "xlsx")
    cells = list(sheet.iter_rows())
    assert [c.value for c in cells[0]] == ["'=Heading", "Count"]
    assert [c.value for c in cells[1]] == ["'=1+2", -3]
    assert [c.value for c in cells[2]] == ["'@SUM(1+1)", -1.5]
    for row in cells:
        assert row[0].data_type == "s"  # text, never "f" (formula)
    assert cells[1][1].data_type == "n" and cells[2][1].data_type == "n"


def export_views():
    """Every view class behind an admin URL that can export a spreadsheet."""
    found = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class and issubclass(view_class, SpreadsheetExportMixin):
                    found.add(view_class)

    walk(get_resolver().url_patterns)
    return found


def test_every_spreadsheet_export_view_neutralises_formulas():
    views = export_views()
    names = {view.__name__ for view in views}
    # Ours and Wagtail's own (search terms, site history, form submissions, redirects ...).
    assert {"ZeroResultSearchesReportView", "ReviewDatesReportView", "SearchTermsReportView"} <= names
    for view_class in views:
        view = view_class.__new__(view_class)
        for value in DANGEROUS:
            for export_format in ("csv", "xlsx"):
                assert view.preprocess_field_value("x", value, export_format) == "'" + value, view_class
        assert view.preprocess_field_value("x", -3, "csv") == -3


@pytest.mark.django_db
def test_wagtails_search_terms_report_export_is_neutralised(client, superuser):
    # Wagtail's own report lists what the public typed into the search box.
    Query.get("=1+2").add_hit()
    Query.get("@sum(1+1)").add_hit()
    client.force_login(superuser)
    url = "/admin/searchpicks/reports/search-terms/"
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    cells = {row[0] for row in csv.reader(io.StringIO(body))}
    assert {"'=1+2", "'@sum(1+1)"} <= cells
    assert "=1+2" not in cells and "@sum(1+1)" not in cells

    response = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=2))
    assert {row[0].value for row in rows} == {"'=1+2", "'@sum(1+1)"}
    assert all(row[0].data_type == "s" and row[1].data_type == "n" for row in rows)
