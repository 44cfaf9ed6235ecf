"""Reports > Searches with no results: exports never hand a spreadsheet a formula."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from search.models import ZeroResultQuery

pytestmark = pytest.mark.django_db

URL = "/admin/reports/searches-with-no-results/"
TYPED = ["=1+2", "@SUM(1+1)", "+44 thing", "-2+3", "\t=1+2", "\r=1+2", "dental neglect"]


@pytest.fixture
def searches(db):
    for count, text in enumerate(TYPED, start=1):
        ZeroResultQuery.objects.create(query_text=text, date=date.today(), count=count)


def expected(text):
    return text if text == "dental neglect" else "'" + text


def test_csv_export_neutralises_formulas(client, editor, searches):
    client.force_login(editor)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline="")))
    assert rows[0] == ["Search term", "Times searched", "Days seen", "Last searched"]
    by_term = {row[0]: row for row in rows[1:]}
    assert set(by_term) == {expected(text) for text in TYPED}
    assert by_term["'=1+2"][1:3] == ["1", "1"]  # counts are plain numbers


def test_xlsx_export_writes_text_not_formulas_and_numeric_counts(client, editor, searches):
    client.force_login(editor)
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=2))
    # XML reads a bare carriage return back as a newline; the quote is what matters.
    assert {row[0].value for row in rows} == {expected(text).replace("\r", "\n") for text in TYPED}
    for term, total, days, _last_seen in rows:
        assert term.data_type == "s"
        assert isinstance(total.value, int) and total.data_type == "n"
        assert isinstance(days.value, int) and days.data_type == "n"
