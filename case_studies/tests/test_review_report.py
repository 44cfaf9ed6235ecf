"""Reports > Case study review dates: editors only, overdue and due-soon stories, exports."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse

from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from cms.home.models import HomePage
from cms.taxonomy.models import Agency, Area, EvidenceType, JourneyStage

pytestmark = pytest.mark.django_db

URL = "/admin/reports/case-study-review-dates/"
TODAY = date.today()


def make_story(index, title, due, live=True, last_reviewed=None):
    page = CaseStudyPage(
        title=title,
        summary="Two services shared a concern early.",
        area=Area.objects.get(slug="leeds"),
        year=2020,
        stage=JourneyStage.objects.get(slug="early-help"),
        consent_position="consent-given",
        outcome="The family accepted support.",
        evidence_type=EvidenceType.objects.get(slug="pilot"),
        review_due=due,
        last_reviewed=last_reviewed,
    )
    page.agencies.set([Agency.objects.get(slug="health")])
    index.add_child(instance=page)
    # Pages are created as drafts (the anonymisation guard sees to that); mark the state
    # directly, as the report only reads it.
    CaseStudyPage.objects.filter(pk=page.pk).update(live=live, has_unpublished_changes=not live)
    page.refresh_from_db()
    return page


@pytest.fixture
def stories(db):
    index = HomePage.objects.get().add_child(instance=CaseStudyIndexPage(title="Case studies", slug="cs"))
    return {
        "overdue": make_story(
            index,
            "Child A overdue story",
            TODAY - timedelta(days=5),
            last_reviewed=TODAY - timedelta(days=370),
        ),
        "soon": make_story(index, "Child B due soon story", TODAY + timedelta(days=10), live=False),
        "today": make_story(index, "Child C due today story", TODAY),
        "later": make_story(index, "Child D later story", TODAY + timedelta(days=100)),
    }


def test_url_is_registered():
    assert reverse("case_study_review_dates") == URL


def test_editor_sees_overdue_and_due_soon_sorted_and_not_later(client, editor, stories):
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    a, c, b = (html.index(stories[k].title) for k in ("overdue", "today", "soon"))
    assert a < c < b  # sorted by review due
    assert stories["later"].title not in html
    assert "Overdue" in html and "Due soon" in html
    assert "Draft" in html and "Live" in html
    assert reverse("wagtailadmin_pages:edit", args=[stories["overdue"].pk]) in html
    assert "within the next 30 days" in html


def test_within_parameter_widens_and_narrows_the_window(client, editor, stories):
    client.force_login(editor)
    html = client.get(URL, {"within": 200}).content.decode()
    assert stories["later"].title in html
    html = client.get(URL, {"within": 0}).content.decode()
    assert stories["overdue"].title in html and stories["today"].title in html
    assert stories["soon"].title not in html
    html = client.get(URL, {"within": "nonsense"}).content.decode()  # falls back to 30
    assert stories["soon"].title in html and stories["later"].title not in html


def test_results_fragment_and_superuser(client, superuser, stories):
    client.force_login(superuser)
    response = client.get(reverse("case_study_review_dates_results"))
    assert response.status_code == 200
    assert stories["overdue"].title in response.content.decode()


@pytest.mark.parametrize("role", ["practitioner", "champion", "trainer"])
def test_other_roles_are_refused(client, request, role, stories):
    client.force_login(request.getfixturevalue(role))
    for url in (URL, URL + "?export=csv", reverse("case_study_review_dates_results")):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert stories["overdue"].title.encode() not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )


def test_anonymous_is_sent_to_login(client, stories):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_menu_item_only_for_editors(client, editor, champion):
    client.force_login(editor)
    assert URL in client.get("/admin/").content.decode()
    client.force_login(champion)
    assert URL not in client.get("/admin/").content.decode()


def test_csv_export(client, editor, stories):
    client.force_login(editor)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "case-study-review-dates-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Title", "Area", "Review due", "Last reviewed", "Status", "Live or draft", "Edit link"]
    assert [row[0] for row in rows[1:]] == [stories[k].title for k in ("overdue", "today", "soon")]
    overdue = rows[1]
    assert overdue[1:6] == [
        "Leeds",
        str(TODAY - timedelta(days=5)),
        str(TODAY - timedelta(days=370)),
        "Overdue",
        "Live",
    ]
    assert overdue[6].endswith(reverse("wagtailadmin_pages:edit", args=[stories["overdue"].pk]))
    assert rows[3][4:6] == ["Due soon", "Draft"]


def test_xlsx_export(client, editor, stories):
    client.force_login(editor)
    response = client.get(URL, {"export": "xlsx", "within": 200})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    titles = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == [stories[k].title for k in ("overdue", "today", "soon", "later")]


@pytest.fixture
def formula_stories(db):
    index = HomePage.objects.get().add_child(instance=CaseStudyIndexPage(title="Case studies", slug="cs"))
    return [
        make_story(index, title, TODAY - timedelta(days=n), live=False)
        for n, title in enumerate(["=1+2", '@SUM(1+1) =HYPERLINK("http://x.example")', "-2+3", "+1 story"], 1)
    ]


def test_csv_export_neutralises_formulas_in_titles(client, editor, formula_stories):
    client.force_login(editor)
    response = client.get(URL, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline="")))
    assert sorted(row[0] for row in rows[1:]) == sorted("'" + page.title for page in formula_stories)


def test_xlsx_export_neutralises_formulas_in_titles(client, editor, formula_stories):
    client.force_login(editor)
    response = client.get(URL, {"export": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    titles = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert sorted(cell.value for cell in titles) == sorted("'" + page.title for page in formula_stories)
    assert all(cell.data_type == "s" for cell in titles)
