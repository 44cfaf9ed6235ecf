"""Editors keep the guides in the admin; other roles cannot."""

import datetime

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.agency_guides.models import AgencyGuide
from cms.taxonomy.models import Agency

from .conftest import make_guide

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/agency_guides/agencyguide/"
ADD = LIST + "add/"


def form_data(agency, terms=(), steward="", **changes):
    data = {
        "agency": agency.pk,
        "summary": "Housing helps people find and keep a home. It works with families at risk of losing one.",
        "what_it_does": "It tells the front door when a child may be at risk.",
        "tiers": streamfield(
            [
                (
                    "tier",
                    {
                        "name": "Prevention",
                        "description": "Help before a family loses its home.",
                        "low": "Rent arrears.",
                        "medium": "A notice to quit.",
                        "high": "An eviction date.",
                    },
                )
            ]
        ),
        "holds": streamfield([("item", "Tenancy records")]),
        "can_share": "It can share tenancy details with the front door.",
        "how_to_reach": streamfield(
            [("route", {"route": "The housing options team", "when": "A family may lose their home."})]
        ),
        "steward": steward,
        "review_date": "2027-11-22",
        **changes,
    }
    form = nested_form_data(data)
    form["common_terms"] = [term.pk for term in terms]  # a multiple choice: one key, many values
    return form


def test_editor_sees_the_list_with_agency_steward_and_review_date(client, editor):
    guide = make_guide("police")
    guide.steward = editor
    guide.save()
    client.force_login(editor)
    response = client.get(LIST)
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert f'<span id="snippet_{guide.pk}_title">Police</span>' in html
    for column in ("Agency", "Steward", "Review date"):
        assert f"> {column} </a> </th>" in html, column
    assert "<td > Eddie </td> <td > 22 Nov 2027 </td>" in html


def test_editor_adds_a_guide(client, editor, glossary_terms):
    client.force_login(editor)
    assert client.get(ADD).status_code == 200
    housing = Agency.objects.get(slug="housing")
    response = client.post(ADD, form_data(housing, terms=[glossary_terms["ASB"]], steward=editor.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    guide = AgencyGuide.objects.get(agency=housing)
    assert guide.steward == editor
    assert guide.review_date == datetime.date(2027, 11, 22)
    assert guide.tiers[0].value["name"] == "Prevention"
    assert [term.term for term in guide.common_terms.all()] == ["ASB"]
    assert client.get("/agencies/housing/").status_code == 200


def test_editor_changes_a_guide(client, editor):
    guide = make_guide("police")
    client.force_login(editor)
    url = f"{LIST}edit/{guide.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(guide.agency, summary="New summary. Two sentences."))
    assert response.status_code == 302, response.content.decode()[:3000]
    guide.refresh_from_db()
    assert guide.summary == "New summary. Two sentences."


@pytest.mark.parametrize(
    "route",
    [
        {"route": "Call Jo on 0113 496 0000", "when": "Any time."},
        {"route": "The duty desk", "when": "Email jo.bloggs@example.org first."},
    ],
)
def test_routes_refuse_phone_numbers_and_email_addresses(client, editor, route):
    client.force_login(editor)
    housing = Agency.objects.get(slug="housing")
    data = form_data(housing)
    data.update(nested_form_data({"how_to_reach": streamfield([("route", route)])}))
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "never a phone number or an email address" in response.content.decode()
    assert not AgencyGuide.objects.filter(agency=housing).exists()


def test_999_is_an_allowed_route(client, editor):
    client.force_login(editor)
    housing = Agency.objects.get(slug="housing")
    data = form_data(housing)
    data.update(
        nested_form_data({"how_to_reach": streamfield([("route", {"route": "999", "when": "Danger now."})])})
    )
    assert client.post(ADD, data).status_code == 302
    assert AgencyGuide.objects.filter(agency=housing).exists()


@pytest.mark.parametrize("fixture", ["practitioner", "trainer", "champion"])
def test_other_roles_cannot_list_add_or_change_guides(client, request, fixture):
    guide = make_guide("police")
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    for url in (LIST, ADD, f"{LIST}edit/{guide.pk}/"):
        assert client.get(url).status_code in (302, 403), (fixture, url)
    response = client.post(ADD, form_data(Agency.objects.get(slug="housing")))
    assert response.status_code in (302, 403)
    assert not AgencyGuide.objects.filter(agency__slug="housing").exists()
    assert not user.has_perm("agency_guides.add_agencyguide")
    assert not user.has_perm("agency_guides.change_agencyguide")


def test_editor_role_holds_add_change_and_view(editor):
    for action in ("add", "change", "view"):
        assert editor.has_perm(f"agency_guides.{action}_agencyguide"), action
