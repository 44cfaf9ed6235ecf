"""Search-as-you-type JSON, query logging without personal data, the admin report."""

import pytest
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import PageViewRestriction

from case_studies.tests.factories import make_case_study
from search.models import ZeroResultQuery
from search.query_log import contains_personal_data

pytestmark = pytest.mark.django_db


def test_suggest_returns_live_public_titles_and_urls(client, db):
    live = make_case_study("Consent at the school gate", state="published")
    make_case_study("Consent draft never published", state="draft")
    private = make_case_study("Consent behind a login", state="published")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    gone = make_case_study("Consent since unpublished", state="published")
    gone.unpublish()

    response = client.get("/search/suggest/?q=cons")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["query"] == "cons"
    assert data["results"] == [{"title": "Consent at the school gate", "url": live.url, "type": "Case study"}]


@pytest.mark.parametrize("q", ["", "c", "%00%00", "zzzzzz"])
def test_suggest_short_or_unknown_is_empty(client, db, q):
    make_case_study("Consent at the school gate", state="published")
    response = client.get(f"/search/suggest/?q={q}")
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_suggest_rejects_post(client, db):
    assert client.post("/search/suggest/", {"q": "cons"}).status_code == 405


def test_zero_result_queries_logged_per_day(client, db):
    make_case_study("Consent at the school gate", state="published")
    client.get("/search/?q=Xylophone")
    client.get("/search/?q=xylophone++")
    client.get("/search/?q=consent")
    row = ZeroResultQuery.objects.get()
    assert (row.query_text, row.count) == ("xylophone", 2)
    assert {f.name for f in ZeroResultQuery._meta.get_fields()} == {"id", "query_text", "date", "count"}
    # every search is counted in Wagtail's query log (page 1 only)
    assert Query.get("consent").hits == 1
    assert Query.get("xylophone").hits == 2
    client.get("/search/?q=consent&page=2")
    assert Query.get("consent").hits == 1


@pytest.mark.parametrize(
    "q",
    [
        "jane.doe@example.org",
        "07700 900123",
        "LS1 4AP",
        "child at SW1A 1AA",
        "nhs 943 476 5919",
        "+44 20 7946 0958",
    ],
)
def test_queries_with_personal_data_are_never_stored(client, db, q):
    assert contains_personal_data(q)
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert not ZeroResultQuery.objects.exists()
    assert not Query.objects.exists()


def test_filtered_searches_do_not_count_as_content_gaps(client, db):
    make_case_study("Consent at the school gate", state="published")
    client.get("/search/?q=consent&agency=housing")
    assert not ZeroResultQuery.objects.exists()


def test_zero_result_report_for_editors_only(client, db, editor, practitioner, trainer, superuser):
    ZeroResultQuery.objects.create(query_text="child exploitation county lines", date="2026-01-01", count=3)
    from datetime import date

    ZeroResultQuery.objects.create(query_text="dental neglect", date=date.today(), count=4)
    url = "/admin/reports/searches-with-no-results/"
    for user in (editor, superuser):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        html = response.content.decode()
        assert "Searches with no results" in html
        assert "dental neglect" in html
        csv = client.get(url + "?export=csv")
        assert csv.status_code == 200 and b"dental neglect" in csv.getvalue()
    client.force_login(editor)
    assert "searches-with-no-results" in client.get("/admin/").content.decode()
    for user in (trainer,):
        client.force_login(user)
        assert client.get(url).status_code in (302, 403)
    client.force_login(practitioner)
    assert client.get(url).status_code in (302, 403)
    client.logout()
    assert client.get(url).status_code == 302
