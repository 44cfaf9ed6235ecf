"""The learning dashboard page: who may see it, its filter, CSV, SVG charts, query count."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.users import roles
from training.choices import Attendance, ConfidenceStage, ConfidenceStatement
from training.dashboard.charts import bar_chart
from training.dashboard.figures import Bar, BarGroup, Chart
from training.dashboard.suppression import FEWER_THAN, HIDDEN
from training.models import ConfidenceResponse, Enrolment, ProgrammeCompletion
from training.progress import record_answer
from training.tests.completion_factories import record
from training.tests.factories import decision_point, make_scenario
from training.tests.session_factories import make_person, make_programme

from .fixtures import completion_world, marked, past_session

pytestmark = pytest.mark.django_db

URL = "/admin/learning-dashboard/"
SVG = "{http://www.w3.org/2000/svg}"


def test_the_url_is_in_the_admin():
    assert reverse("learning_dashboard") == URL


@pytest.mark.parametrize("role", [roles.TRAINER, roles.EDITOR])
def test_trainers_and_editors_see_the_dashboard(client, role):
    client.force_login(make_person("police", role=role))
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Learning dashboard" in response.content


@pytest.mark.parametrize("role", [roles.PRACTITIONER, roles.CHAMPION])
def test_practitioners_and_champions_are_refused(client, role):
    client.force_login(make_person("police", role=role))
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != URL
    response = client.get(URL, {"export": "completion-programmes"})
    assert response.status_code in (302, 403)
    assert "text/csv" not in response.get("Content-Type", "")


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_menu_shows_the_dashboard_to_trainers_only(client):
    client.force_login(make_person("police", role=roles.TRAINER))
    assert URL.encode() in client.get("/admin/").content
    client.force_login(make_person("police", role=roles.CHAMPION))
    assert URL.encode() not in client.get("/admin/").content


@pytest.fixture
def trainer_client(client):
    client.force_login(make_person("police", role=roles.TRAINER))
    return client


def test_the_filter_is_a_get_form_and_shows_one_programme(trainer_client):
    programmes = completion_world()
    page = trainer_client.get(URL).content.decode()
    assert re.search(r'<form method="get" action="/admin/learning-dashboard/"', page)
    assert '<label class="govuk-label govuk-label--s" for="id_programme">' in page
    response = trainer_client.get(URL, {"programme": programmes["Beta"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beta induction: people enrolled and people who completed, by agency" in html
    assert "Alpha induction: people enrolled" not in html


def test_an_unknown_programme_is_explained(trainer_client):
    response = trainer_client.get(URL, {"programme": "999999"})
    assert response.status_code == 400
    assert b"Choose a programme from the list." in response.content
    assert b"govuk-error-summary" in response.content


def test_csv_export_has_the_suppressed_figures_only(trainer_client):
    programmes = completion_world()
    response = trainer_client.get(URL, {"programme": programmes["Beta"].pk, "export": "completion-agency"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Beta induction: people enrolled and people who completed, by agency"]
    assert rows[1] == ["Agency", "Enrolled now", "Completed at least once"]
    body = {row[0]: row[1:] for row in rows[2:]}
    assert body["Police"] == ["0", HIDDEN]
    assert body["Education"] == ["0", "25"]
    assert "12" not in response.content.decode()
    response = trainer_client.get(URL, {"export": "completion-agency"})
    body = {row[0]: row[1:] for row in csv.reader(io.StringIO(response.content.decode()))}
    assert body["Police"] == ["0", "15"]


def test_csv_export_neutralises_formulas(trainer_client):
    make_programme("=HYPERLINK(1)")
    response = trainer_client.get(URL, {"export": "completion-programmes"})
    assert "'=HYPERLINK(1)" in response.content.decode()


def test_an_unknown_table_is_404(trainer_client):
    assert trainer_client.get(URL, {"export": "nothing"}).status_code == 404


def test_charts_are_accessible_svg_beside_tables_with_captions(trainer_client):
    completion_world()
    html = trainer_client.get(URL).content.decode()
    assert " style=" not in html and "<script>" not in html
    svgs = re.findall(r"<svg class=\"app-chart\".*?</svg>", html, flags=re.S)
    assert svgs
    for markup in svgs:
        svg = ET.fromstring(markup)
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == title_id and svg.find(f"{SVG}title").text
        assert svg.find(f"{SVG}desc").get("id") == desc_id and svg.find(f"{SVG}desc").text
        assert all(element.get("style") is None for element in svg.iter())
    assert html.count("<caption") >= len(svgs)
    assert 'scope="col"' in html and 'scope="row"' in html


def test_a_hidden_value_is_never_drawn_as_a_bar():
    chart = Chart(
        title="People who completed, by agency",
        description="Bar chart.",
        groups=[
            BarGroup("Police", [Bar("", None, FEWER_THAN)]),
            BarGroup("Health", [Bar("", None, HIDDEN)]),
            BarGroup("Education", [Bar("", 20, "20")]),
            BarGroup("Housing", [Bar("", 0, "0")]),
        ],
    )
    svg = ET.fromstring(str(bar_chart(chart, "c1")))
    rects = svg.findall(f"{SVG}rect")
    assert len(rects) == 1  # Education's; none for the hidden ones, none of zero width
    texts = [element.text for element in svg.iter(f"{SVG}text")]
    for label in ("Police", FEWER_THAN, "Health", HIDDEN, "Education", "20", "Housing", "0"):
        assert label in texts
    # The scale comes from the values shown: Education's bar is the full length.
    assert float(rects[0].get("width")) == 420.0


def test_chart_text_is_escaped():
    chart = Chart(title="<b>x</b>", description="d", groups=[BarGroup("<i>A</i>", [Bar("", 5, "5")])])
    markup = str(bar_chart(chart, "c2"))
    assert "<b>" not in markup and "&lt;i&gt;A&lt;/i&gt;" in markup


def add_people(n, programme, session, scenario):
    now = timezone.now()
    for number in range(n):
        person = make_person(["police", "health", "education"][number % 3])
        Enrolment.objects.create(user=person, programme=programme)
        ProgrammeCompletion.objects.create(
            user=person, programme=programme, agency=person.agency, started_at=now, completed_at=now
        )
        marked(session, person.agency, Attendance.ATTENDED, 1)
        past_session(programme, title=f"Extra day {number}")
        record(person, "watched_to_end", scenario, percent=95)
        record_answer(person, scenario, 0, number % 2)
        for stage, score in ((ConfidenceStage.BEFORE, 2), (ConfidenceStage.AFTER, 4)):
            ConfidenceResponse.objects.create(
                user=person,
                programme=programme,
                stage=stage,
                statement=ConfidenceStatement.WHO_TO_CONTACT,
                score=score,
            )


def test_the_query_count_is_the_same_for_2_and_10_practitioners(trainer_client):
    programme = make_programme("Alpha induction")
    session = past_session(programme)
    scenario = make_scenario(decision_points=[decision_point("0:30")])
    trainer_client.get(URL)  # warm caches (content types, site)
    add_people(2, programme, session, scenario)
    with CaptureQueriesContext(connection) as two:
        assert trainer_client.get(URL).status_code == 200
    add_people(8, programme, session, scenario)
    with CaptureQueriesContext(connection) as ten:
        response = trainer_client.get(URL)
    assert response.status_code == 200
    assert response.content.count(b"Extra day ") == 10  # the new people and sessions are counted
    assert len(ten) == len(two), [query["sql"][:120] for query in ten.captured_queries]
