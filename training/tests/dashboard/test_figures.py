"""The dashboard's figures against a hand-computed world (see fixtures.py)."""

import pytest
from django.utils import timezone

from cms.taxonomy.models import Agency, Area
from training.choices import Attendance, ConfidenceStage, ConfidenceStatement
from training.dashboard import figures as dashboard
from training.dashboard.suppression import FEWER_THAN, HIDDEN, TOTAL, table_lines
from training.models import ConfidenceResponse, Enrolment, ProgrammeCompletion
from training.progress import record_answer
from training.tests.completion_factories import record
from training.tests.factories import decision_point, make_scenario
from training.tests.session_factories import make_person, make_programme

from .fixtures import completion_world, marked, past_session

pytestmark = pytest.mark.django_db


def agency_pk(slug):
    return Agency.objects.get(slug=slug).pk


def assert_no_lonely_hidden_cell(table, total_axes):
    for line in table_lines(table, total_axes):
        assert sum(table[key].hidden for key in line) != 1, line


def test_completion_by_programme_and_agency_primary_and_secondary_suppression():
    programmes = completion_world()
    alpha, beta = programmes["Alpha"].pk, programmes["Beta"].pk
    police, health, education = agency_pk("police"), agency_pk("health"), agency_pk("education")
    table = dashboard.compute().completion["completed-agency"]
    shown = {key: figure.text for key, figure in table.items()}
    assert shown[(alpha, police)] == FEWER_THAN  # 3: primary
    # Row Alpha's smallest other cell (Health, 10); then column Police (Beta's 12); then
    # column Health (Beta's 15).
    assert shown[(alpha, health)] == shown[(beta, police)] == shown[(beta, health)] == HIDDEN
    assert shown[(alpha, education)] == "20" and shown[(beta, education)] == "25"
    assert shown[(alpha, TOTAL)] == "33" and shown[(beta, TOTAL)] == "52"
    assert shown[(TOTAL, police)] == "15" and shown[(TOTAL, health)] == "25" and shown[(TOTAL, TOTAL)] == "85"
    assert_no_lonely_hidden_cell(table, (0, 1))


def test_the_programme_filter_shows_a_slice_of_the_table_suppressed_whole():
    """Beta alone has nothing small, but showing its Police 12 beside 'All programmes'
    Police 15 would give Alpha's 3: the filtered view hides it."""
    programmes = completion_world()
    figures = dashboard.compute()
    beta = dashboard.completion_tables(figures, programmes["Beta"].pk)
    by_agency = next(table for table in beta if table.id == "completion-agency")
    rows = {row[0]: [str(cell) for cell in row[1:]] for row in by_agency.csv_rows()}
    assert rows["Police"] == ["0", HIDDEN]
    assert rows["Health"] == ["0", HIDDEN]
    assert rows["Education"] == ["0", "25"]
    assert rows["All agencies"] == ["0", "52"]
    everyone = next(
        table for table in dashboard.completion_tables(figures) if table.id == "completion-agency"
    )
    rows = {row[0]: row[2] for row in everyone.csv_rows()}
    assert rows["Police"] == "15"


def test_completion_by_area_shares_the_programme_totals():
    programmes = completion_world()
    figures = dashboard.compute()
    table = figures.completion["completed-area"]
    leeds, sheffield = Area.objects.get(slug="leeds").pk, Area.objects.get(slug="sheffield").pk
    beta = programmes["Beta"].pk
    assert table[(beta, leeds)].text == "40" and table[(beta, sheffield)].text == "12"
    agency = figures.completion["completed-agency"]
    for programme in [*[page.pk for page in programmes.values()], TOTAL]:
        assert table[(programme, TOTAL)].hidden == agency[(programme, TOTAL)].hidden


def test_a_person_counts_once_per_programme_in_their_latest_agency():
    programme = make_programme("Gamma induction")
    person = make_person("police")
    police, health = Agency.objects.get(slug="police"), Agency.objects.get(slug="health")
    now = timezone.now()
    for cycle, agency in ((1, police), (2, health)):
        ProgrammeCompletion.objects.create(
            user=person, programme=programme, cycle=cycle, agency=agency, started_at=now, completed_at=now
        )
    # A deleted account's two cycles: counted once, in its first cycle's agency.
    for cycle in (1, 2):
        ProgrammeCompletion.objects.create(
            user=None, programme=programme, cycle=cycle, agency=police, started_at=now, completed_at=now
        )
    Enrolment.objects.create(user=person, programme=programme, cycle=2)
    completed, enrolled = dashboard.completion_counts()
    assert completed == {(programme.pk, health.pk, None): 1, (programme.pk, police.pk, None): 1}
    assert enrolled == {(programme.pk, police.pk, None): 1}


def test_attendance_small_counts_are_hidden_and_linked_tables_agree():
    programme = make_programme("Alpha induction")
    session = past_session(programme)
    police, health = Agency.objects.get(slug="police"), Agency.objects.get(slug="health")
    marked(session, police, Attendance.ATTENDED, 6)
    marked(session, police, Attendance.ABSENT, 2)
    marked(session, health, Attendance.ATTENDED, 7)
    marked(session, health, Attendance.LATE_CANCELLATION, 5)
    figures = dashboard.compute()
    table = dashboard.attendance_table(figures, programme.pk)
    rows = {row[0]: [str(cell) for cell in row[1:]] for row in table.csv_rows()}
    assert rows["Police"][1] == FEWER_THAN  # absent 2
    assert rows["Police"][3] == FEWER_THAN  # non-attendance 2, the same number
    for values in rows.values():
        assert "2" not in values
    assert_no_lonely_hidden_cell(figures.attendance, (0, 1, 2))
    assert_no_lonely_hidden_cell(figures.non_attendance, (0, 1, 2))
    for (programme_pk, agency, mark), figure in figures.attendance.items():
        if mark == dashboard.NON_ATTENDANCE:
            assert figure.hidden == figures.non_attendance[(programme_pk, agency, TOTAL)].hidden


def test_agency_mix_counts_confirmed_places_per_session():
    programme = make_programme("Alpha induction")
    session = past_session(programme, title="Day one")
    police, health = Agency.objects.get(slug="police"), Agency.objects.get(slug="health")
    marked(session, police, "", 6)
    marked(session, health, "", 3)
    figures = dashboard.compute()
    past = next(table for table in dashboard.agency_mix_tables(figures) if table.id == "agency-mix-past")
    assert past.headings == ["Session", "Police", "Health", "All agencies"]
    # Health's 3 is small; the row's only other cell (6) is hidden so it cannot be worked out.
    assert [str(cell) for cell in past.rows[0][1:]] == [HIDDEN, FEWER_THAN, "9"]


def test_scenarios_decision_spreads_and_confidence():
    scenario = make_scenario("Hungry in Year 3", decision_points=[decision_point("0:30")])
    people = [make_person("police") for _ in range(9)]
    for person in people[:3]:
        record(person, "watched_to_end", scenario, percent=95)
    # 6 people choose option 0; 2 choose option 1 (one of them chose 0 first).
    for person in people[:6]:
        record_answer(person, scenario, 0, 0)
    record_answer(people[6], scenario, 0, 0)
    record_answer(people[6], scenario, 0, 1)
    record_answer(people[7], scenario, 0, 1)
    programme = make_programme("Alpha induction")
    make_programme("Beta induction")
    share, contact = ConfidenceStatement.SHARE_WITHOUT_CONSENT, ConfidenceStatement.WHO_TO_CONTACT
    for person, before, after in zip(people, [2, 2, 3, 3, 2, 4], [4, 3, 3, 5, 4, 4], strict=False):
        for stage, score in ((ConfidenceStage.BEFORE, before), (ConfidenceStage.AFTER, after)):
            ConfidenceResponse.objects.create(
                user=person, programme=programme, stage=stage, statement=share, score=score
            )
    ConfidenceResponse.objects.create(  # no "after": not a pair
        user=people[7], programme=programme, stage=ConfidenceStage.BEFORE, statement=share, score=1
    )
    for person in people[:3]:
        for stage in (ConfidenceStage.BEFORE, ConfidenceStage.AFTER):
            ConfidenceResponse.objects.create(
                user=person, programme=programme, stage=stage, statement=contact, score=3
            )

    figures = dashboard.compute()
    tables = {table.id: table for table in dashboard.scenario_tables(figures)}
    watched = {row[0]: str(row[1]) for row in tables["scenarios-watched"].csv_rows()}
    assert watched["Hungry in Year 3"] == FEWER_THAN
    spread = [[str(cell) for cell in row] for row in tables[f"decision-{scenario.pk}-0"].csv_rows()]
    assert [row[1] for row in spread] == [HIDDEN, FEWER_THAN, "8"]

    confidence = {
        row[0]: [str(cell) for cell in row[1:]] for row in dashboard.confidence_table(figures).csv_rows()
    }
    assert confidence[share.label] == ["6", "2.7", "3.8", "+1.2", "67%"]
    assert confidence[contact.label][0] == FEWER_THAN
    assert all("fewer than 5 respondents" in cell for cell in confidence[contact.label][1:])
    alpha = dashboard.confidence_table(figures, programme.pk)
    assert [str(cell) for cell in alpha.rows[0][1:]] == ["6", "2.7", "3.8", "+1.2", "67%"]


def test_the_number_of_queries_does_not_depend_on_the_data(django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    completion_world()
    with CaptureQueriesContext(connection) as small:
        dashboard.dashboard_tables(dashboard.compute())
    make_scenario(decision_points=[decision_point("0:30")])
    past_session(make_programme())
    with django_assert_num_queries(len(small)):
        dashboard.dashboard_tables(dashboard.compute())


def test_nothing_yet_is_not_an_error():
    figures = dashboard.compute()
    tables = dashboard.dashboard_tables(figures)
    assert [table.id for table in tables["completion"]] == [
        "completion-programmes",
        "completion-agency",
        "completion-area",
    ]
    assert tables["confidence"][0].rows[0][1].text == "0"
