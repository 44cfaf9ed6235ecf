"""Migration 0004 seeds every authority as an Area, keeping the 13 original slugs."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cms.taxonomy.local_authorities import LOCAL_AUTHORITIES
from cms.taxonomy.models import Area

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("cms.taxonomy.migrations.0004_seed_local_authorities")

LEGACY = {
    "durham": ("E06000047", "Durham", "County Durham"),
    "bristol": ("E06000023", "Bristol", "Bristol, City of"),
    "newham": ("E09000025", "Newham", "Newham"),
    "leeds": ("E08000035", "Leeds", "Leeds"),
    "sheffield": ("E08000019", "Sheffield", "Sheffield"),
    "northumberland": ("E06000057", "Northumberland", "Northumberland"),
    "hertfordshire": ("E10000015", "Hertfordshire", "Hertfordshire"),
    "norfolk": ("E10000020", "Norfolk", "Norfolk"),
    "cheshire-west-and-chester": ("E06000050", "Cheshire West and Chester", "Cheshire West and Chester"),
    "manchester": ("E08000003", "Manchester", "Manchester"),
    "newcastle-upon-tyne": ("E08000021", "Newcastle upon Tyne", "Newcastle upon Tyne"),
    "birmingham": ("E08000025", "Birmingham", "Birmingham"),
}


def test_every_authority_is_seeded_once():
    seeded = {(a.gss_code, a.official_name, a.nation) for a in Area.objects.exclude(official_name="")}
    assert seeded == set(LOCAL_AUTHORITIES)
    assert Area.objects.count() == len(LOCAL_AUTHORITIES) + 1  # and "National"
    national = Area.objects.get(slug="national")
    assert (national.name, national.gss_code, national.nation) == ("National", "", "")


@pytest.mark.parametrize("slug", sorted(LEGACY))
def test_original_areas_keep_slug_and_display_name(slug):
    area = Area.objects.get(slug=slug)
    assert (area.gss_code, area.name, area.official_name, area.nation) == (*LEGACY[slug], "england")


@pytest.mark.parametrize(
    "slug,name,code",
    [
        ("barnet", "Barnet", "E09000003"),
        ("coventry", "Coventry", "E08000026"),
        ("stockport", "Stockport", "E08000007"),
        ("kingston-upon-hull", "Kingston upon Hull", "E06000010"),
        ("herefordshire", "Herefordshire", "E06000019"),
        ("st-helens", "St. Helens", "E08000013"),
        ("city-of-london", "City of London", "E09000001"),
        ("bournemouth-christchurch-and-poole", "Bournemouth, Christchurch and Poole", "E06000058"),
        ("rhondda-cynon-taf", "Rhondda Cynon Taf", "W06000016"),
        ("na-h-eileanan-siar", "Na h-Eileanan Siar", "S12000013"),
        ("belfast-hsc-trust", "Belfast HSC Trust", ""),
    ],
)
def test_new_areas_get_friendly_names_and_slugs(slug, name, code):
    area = Area.objects.get(slug=slug)
    assert (area.name, area.gss_code) == (name, code)


def test_reseeding_changes_nothing_and_keeps_editors_names():
    Area.objects.filter(slug="barnet").update(name="Barnet (London)")
    before = {a.pk: (a.slug, a.name, a.gss_code, a.official_name, a.nation) for a in Area.objects.all()}
    seed_migration.seed(apps, None)
    after = {a.pk: (a.slug, a.name, a.gss_code, a.official_name, a.nation) for a in Area.objects.all()}
    assert after == before


def test_seeding_adopts_an_area_an_editor_added_without_a_code():
    """E.g. after 0004 is reversed and re-applied, or an editor added "Barnet" before 0004 ran."""
    Area.objects.filter(slug="barnet").update(gss_code="", official_name="", nation="")
    Area.objects.filter(slug="belfast-hsc-trust").update(official_name="", nation="")
    pks = set(Area.objects.values_list("pk", flat=True))
    seed_migration.seed(apps, None)
    assert set(Area.objects.values_list("pk", flat=True)) == pks
    assert Area.objects.get(slug="barnet").gss_code == "E09000003"
    assert Area.objects.get(slug="belfast-hsc-trust").official_name == "Belfast Health and Social Care Trust"


def test_a_gss_code_is_unique_but_many_areas_may_have_none():
    Area.objects.create(name="Ambridge", slug="ambridge")
    Area.objects.create(name="Borsetshire", slug="borsetshire")  # two blank codes are fine
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(name="Barnet again", slug="barnet-again", gss_code="E09000003")


def test_clean_normalises_the_code_and_checks_the_nation():
    area = Area(name="Test", slug="test", gss_code="w06000099")
    area.full_clean()
    assert (area.gss_code, area.nation) == ("W06000099", "wales")
    with pytest.raises(ValidationError) as error:
        Area(name="Test", slug="test", gss_code="W06000099", nation="scotland").full_clean()
    assert "nation" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        Area(name="Test", slug="test", gss_code="e09000003").full_clean()
    assert "Another area already has this GSS code." in str(error.value)
    with pytest.raises(ValidationError) as error:
        Area(name="Test", slug="test", gss_code="X123").full_clean()
    assert "gss_code" in error.value.message_dict


def test_editors_see_code_and_nation_when_adding_an_area(client, editor):
    client.force_login(editor)
    response = client.get("/admin/snippets/taxonomy/area/add/")
    assert response.status_code == 200
    for field in ("name", "slug", "official_name", "gss_code", "nation"):
        assert f'name="{field}"' in response.content.decode()
    response = client.post(
        "/admin/snippets/taxonomy/area/add/",
        {"name": "Ambridge", "slug": "ambridge", "official_name": "", "gss_code": "", "nation": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Area.objects.get(slug="ambridge").gss_code == ""
