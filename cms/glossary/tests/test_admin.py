"""Editors keep glossary terms as snippets; the steward review report is theirs alone."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.glossary.models import GlossaryTerm
from cms.taxonomy.models import Agency
from cms.users.models import User

from .factories import make_term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]

INDEX = "/admin/snippets/glossary/glossaryterm/"
REPORT = "/admin/reports/glossary-review/"
TODAY = date.today()


def form_data(**fields):
    data = {
        "term": "LADO",
        "slug": "lado",
        "expansion": "local authority designated officer",
        "meaning": "Handles allegations against adults who work with children.",
        "aliases": "LADOs",
        "readings": inline_formset([]),
        "related_pages": inline_formset([]),
        "steward": "",
        "review_date": str(TODAY + timedelta(days=300)),
    }
    data.update(fields)
    data = nested_form_data(data)
    data["agencies"] = [Agency.objects.get(slug="education").pk]
    return data


def test_urls():
    assert reverse("wagtailsnippets_glossary_glossaryterm:list") == INDEX
    assert reverse("glossary_review") == REPORT


def test_editor_can_list_add_change_and_delete(client, editor):
    for action in ("add", "change", "delete", "view"):
        assert editor.has_perm(f"glossary.{action}_glossaryterm")
    client.force_login(editor)
    assert client.get(INDEX).status_code == 200
    response = client.post(INDEX + "add/", form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    term = GlossaryTerm.objects.get(slug="lado")
    assert [a.slug for a in term.agencies.all()] == ["education"]
    response = client.post(INDEX + f"edit/{term.pk}/", form_data(meaning="Changed meaning."))
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.meaning == "Changed meaning."
    response = client.post(INDEX + f"delete/{term.pk}/")
    assert response.status_code == 302
    assert not GlossaryTerm.objects.filter(pk=term.pk).exists()


@pytest.mark.parametrize("role", ["practitioner", "trainer", "champion"])
def test_other_roles_cannot(client, request, role):
    user = request.getfixturevalue(role)
    term = make_term("MASH", expansion="multi-agency safeguarding hub")
    assert not user.has_perm("glossary.change_glossaryterm")
    client.force_login(user)
    assert client.get(INDEX).status_code in (302, 403)
    response = client.post(INDEX + "add/", form_data())
    assert response.status_code in (302, 403)
    assert not GlossaryTerm.objects.filter(slug="lado").exists()
    response = client.post(INDEX + f"delete/{term.pk}/")
    assert response.status_code in (302, 403)
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()


@pytest.fixture
def listing_terms(db):
    return {
        "overdue": make_term("Overdue term", agencies=["police"], review_date=TODAY - timedelta(days=3)),
        "soon": make_term("Soon term", agencies=["health"], review_date=TODAY + timedelta(days=20)),
        "later": make_term(
            "Later term", agencies=["police", "health"], review_date=TODAY + timedelta(days=200)
        ),
    }


def test_listing_columns_search_and_filters(client, editor, listing_terms):
    client.force_login(editor)
    html = client.get(INDEX).content.decode()
    for heading in ("Term", "Agencies", "Steward", "Review date"):
        assert heading in html
    assert "Police, Health" in html or "Health, Police" in html
    html = client.get(INDEX, {"q": "soon"}).content.decode()
    assert "Soon term" in html and "Overdue term" not in html
    police = Agency.objects.get(slug="police").pk
    html = client.get(INDEX, {"agency": police}).content.decode()
    assert "Overdue term" in html and "Later term" in html and "Soon term" not in html
    html = client.get(INDEX, {"review": "due"}).content.decode()
    assert "Overdue term" in html and "Soon term" in html and "Later term" not in html
    html = client.get(INDEX, {"review": "overdue"}).content.decode()
    assert "Overdue term" in html and "Soon term" not in html


@pytest.fixture
def stewards(db):
    return {
        "ann": User.objects.create_user(email="ann@example.org", password="x", display_name="Ann"),
        "zed": User.objects.create_user(email="zed@example.org", password="x", display_name="Zed"),
    }


@pytest.fixture
def review_terms(stewards):
    return {
        "zed_overdue": make_term("Alpha", steward=stewards["zed"], review_date=TODAY - timedelta(days=10)),
        "ann_soon": make_term("Bravo", steward=stewards["ann"], review_date=TODAY + timedelta(days=25)),
        "ann_overdue": make_term("Charlie", steward=stewards["ann"], review_date=TODAY - timedelta(days=1)),
        "nobody": make_term("Delta", review_date=TODAY + timedelta(days=5)),
        "ann_later": make_term("Echo", steward=stewards["ann"], review_date=TODAY + timedelta(days=31)),
        "formula": make_term("=HYPERLINK(1)", slug="formula", steward=stewards["zed"], review_date=TODAY),
    }


def positions(html, names):
    """Where each term's cell text is, in ``html``."""
    return [re.search(r">\s*" + re.escape(name) + r"\s*<", html).start() for name in names]


def shown(html, name):
    return re.search(r">\s*" + re.escape(name) + r"\s*<", html) is not None


def test_review_report_lists_due_terms_by_steward(client, editor, review_terms):
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    # no steward first, then Ann (soonest first), then Zed
    a = positions(html, ["Delta", "Charlie", "Bravo", "Alpha", "=HYPERLINK(1)"])
    assert a == sorted(a)
    assert not shown(html, "Echo")  # due in 31 days
    assert "Overdue" in html and "Due soon" in html and "No steward" in html
    assert reverse("wagtailsnippets_glossary_glossaryterm:edit", args=[review_terms["ann_soon"].pk]) in html
    html = client.get(REPORT, {"within": 60}).content.decode()
    assert shown(html, "Echo")
    html = client.get(REPORT, {"ordering": "review_date"}).content.decode()
    a = positions(html, ["Alpha", "Charlie", "=HYPERLINK(1)", "Delta", "Bravo"])
    assert a == sorted(a)
    html = client.get(REPORT, {"steward": review_terms["zed_overdue"].steward.pk}).content.decode()
    assert shown(html, "Alpha") and not shown(html, "Bravo")


def test_review_report_csv_neutralises_formulas(client, editor, review_terms):
    client.force_login(editor)
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    assert "glossary-review-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline="")))
    assert rows[0] == ["Steward", "Steward email", "Term", "Review date", "Status", "Agencies"]
    assert [row[2] for row in rows[1:]] == ["Delta", "Charlie", "Bravo", "Alpha", "'=HYPERLINK(1)"]
    assert rows[1][:2] == ["No steward", ""]
    assert rows[2][:2] == ["Ann", "ann@example.org"]
    assert rows[2][3:5] == [str(TODAY - timedelta(days=1)), "Overdue"]


@pytest.mark.parametrize("role", ["practitioner", "trainer", "champion"])
def test_review_report_is_for_editors_only(client, request, role, review_terms):
    client.force_login(request.getfixturevalue(role))
    for url in (REPORT, REPORT + "?export=csv", REPORT + "results/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"Charlie" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_report_menu_item_only_for_editors(client, editor, trainer):
    client.force_login(editor)
    assert REPORT in client.get("/admin/").content.decode()
    client.force_login(trainer)
    assert REPORT not in client.get("/admin/").content.decode()
