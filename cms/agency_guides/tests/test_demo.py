"""The demo loader: a guide per agency, terms by name, idempotent."""

import datetime
import io

import pytest
from django.utils import timezone

from cms.agency_guides import demo
from cms.agency_guides.demo_guides import GUIDES
from cms.agency_guides.models import AgencyGuide
from cms.glossary.models import GlossaryTerm
from conftest import make_user

pytestmark = pytest.mark.django_db


def run():
    out = io.StringIO()
    demo.load(out)
    return out.getvalue()


def snapshot():
    return {
        guide.agency.slug: (
            guide.updated_at,
            guide.summary,
            guide.tiers.raw_data[:],
            guide.steward_id,
            guide.review_date,
            sorted(term.term for term in guide.common_terms.all()),
        )
        for guide in AgencyGuide.objects.select_related("agency").prefetch_related("common_terms")
    }


def test_loads_a_guide_per_agency_with_its_terms_steward_and_review_date(glossary_terms):
    steward = make_user("editor@example.org", "Editor")
    output = run()
    assert "9 created, 0 updated, 0 unchanged" in output
    assert "Warning" not in output
    guides = {guide.agency.slug: guide for guide in AgencyGuide.objects.select_related("agency")}
    assert set(guides) == set(GUIDES)
    police = guides["police"]
    spec = GUIDES["police"]
    assert police.summary == spec["summary"]
    assert [block.value["name"] for block in police.tiers] == [tier["name"] for tier in spec["tiers"]]
    assert police.tiers[0].value["high"] == spec["tiers"][0]["examples"]["high"]
    assert [block.value for block in police.holds] == spec["holds"]
    assert [(b.value["route"], b.value["when"]) for b in police.how_to_reach] == [
        (route["route"], route["when"]) for route in spec["how_to_reach"]
    ]
    assert sorted(term.term for term in police.common_terms.all()) == sorted(spec["common_terms"])
    assert police.steward == steward
    assert police.review_date == timezone.localdate() + datetime.timedelta(days=365)


def test_rerun_changes_nothing(glossary_terms):
    run()
    before = snapshot()
    output = run()
    assert "0 created, 0 updated, 9 unchanged" in output
    assert snapshot() == before


def test_rerun_puts_back_changed_content_and_keeps_a_chosen_review_date(glossary_terms):
    run()
    guide = AgencyGuide.objects.get(agency__slug="housing")
    guide.summary = "Changed while trying the demo."
    guide.tiers = []
    later = timezone.localdate() + datetime.timedelta(days=30)
    guide.review_date = later
    guide.save()
    assert "0 created, 1 updated, 8 unchanged" in run()
    guide.refresh_from_db()
    assert guide.summary == GUIDES["housing"]["summary"]
    assert len(guide.tiers) == len(GUIDES["housing"]["tiers"])
    assert guide.review_date == later


def test_missing_glossary_terms_are_skipped_with_a_warning(glossary_terms):
    GlossaryTerm.objects.filter(term="MARAC").delete()
    output = run()
    assert "the glossary has no term 'MARAC': left out of the Police guide" in output
    police = AgencyGuide.objects.get(agency__slug="police")
    names = {term.term for term in police.common_terms.all()}
    assert names == set(GUIDES["police"]["common_terms"]) - {"MARAC"}
    assert police.steward is None  # no demo editor account


def test_demo_guides_show_on_the_site(client, glossary_terms):
    run()
    response = client.get("/agencies/")
    for guide in AgencyGuide.objects.select_related("agency"):
        assert f'href="/agencies/{guide.agency.slug}/"' in response.content.decode()
        assert client.get(f"/agencies/{guide.agency.slug}/").status_code == 200
