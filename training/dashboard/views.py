"""The learning dashboard at /admin/learning-dashboard/ (URL name ``learning_dashboard``).

For Trainers and Editors (``training.view_learning_dashboard``); anyone else gets Wagtail's
permission-denied answer, and people without admin access never get past Wagtail's own
check. Aggregate, suppressed figures only (``figures.py``, ``suppression.py``): no person
is ever listed. The programme filter is a GET form that works without JavaScript; it shows
a slice of the tables suppressed with every programme in them. ``?export=<table id>``
downloads one table, as shown, as CSV.
"""

import csv
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from wagtail.admin.auth import permission_denied

from cms.core.exports import neutralise_formula

from . import figures as dashboard_figures
from .charts import bar_chart
from .suppression import THRESHOLD, TOTAL

PERMISSION = "training.view_learning_dashboard"
TEMPLATE = "training/dashboard/dashboard.html"
SECTIONS = (
    ("completion", "Completion"),
    ("attendance", "Attendance"),
    ("agency_mix", "Agency mix per session"),
    ("scenarios", "Scenarios and decision points"),
    ("confidence", "Confidence before and after"),
)


class ProgrammeFilterForm(forms.Form):
    programme = forms.TypedChoiceField(
        label="Programme",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a programme from the list."},
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [
            ("", "All programmes"),
            *[(pk, title) for pk, title in programmes],
        ]


def csv_response(table, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([neutralise_formula(table.caption)])
    writer.writerow([neutralise_formula(heading) for heading in table.headings])
    for row in table.csv_rows():
        writer.writerow([neutralise_formula(cell) for cell in row])
    return response


def learning_dashboard(request):
    if not request.user.has_perm(PERMISSION):
        return permission_denied(request)
    figures = dashboard_figures.compute()
    form = ProgrammeFilterForm(request.GET or None, programmes=figures.programmes)
    programme, status = TOTAL, 200
    if form.is_bound:
        if form.is_valid():
            programme = form.cleaned_data["programme"] or TOTAL
        else:
            status = 400
    tables = dashboard_figures.dashboard_tables(figures, programme)

    export = request.GET.get("export")
    if export:
        for section in tables.values():
            for table in section:
                if table.id == export:
                    suffix = "" if programme == TOTAL else f"-programme-{programme}"
                    return csv_response(table, f"learning-dashboard-{table.id}{suffix}.csv")
        raise Http404("No such table.")

    query = {"programme": programme} if programme != TOTAL else {}
    sections = []
    for key, heading in SECTIONS:
        shown = []
        for table in tables[key]:
            export_query = {**query, "export": table.id}
            shown.append(
                {
                    "table": table,
                    "charts": [
                        bar_chart(chart, f"chart-{table.id}-{number}")
                        for number, chart in enumerate(table.charts, start=1)
                    ],
                    "export_query": urlencode(export_query),
                }
            )
        sections.append({"id": key.replace("_", "-"), "heading": heading, "tables": shown})
    context = {
        "form": form,
        "sections": sections,
        "programme_title": dict(figures.programmes).get(programme) if programme != TOTAL else None,
        "threshold": THRESHOLD,
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)
