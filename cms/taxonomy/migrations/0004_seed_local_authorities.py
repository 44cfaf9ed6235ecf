"""Seed every UK authority that runs children's services (cms/taxonomy/local_authorities.py).

Update-or-create by GSS code (by official name for the Northern Ireland HSC Trusts, which have
no code). The 13 areas seeded by 0002 keep their slug and display name ("durham", "Durham") and
gain a code, official name and nation. An area an editor already added under the same slug or
name, without a code, is adopted rather than duplicated. Re-running never changes a slug or a
display name: they are in published URLs and partners' import files.

Reversing is a no-op: the areas may already be tagged on stories, and 0003's reversal drops the
new fields anyway. Running forwards again adopts the areas left behind, by slug.
"""

from django.db import migrations
from django.utils.text import slugify

from cms.taxonomy import local_authorities

# The slugs and display names 0002 seeded, by code. Frozen here on purpose.
LEGACY = {
    "E09000025": ("newham", "Newham"),
    "E08000035": ("leeds", "Leeds"),
    "E08000019": ("sheffield", "Sheffield"),
    "E06000057": ("northumberland", "Northumberland"),
    "E10000015": ("hertfordshire", "Hertfordshire"),
    "E06000047": ("durham", "Durham"),
    "E10000020": ("norfolk", "Norfolk"),
    "E06000050": ("cheshire-west-and-chester", "Cheshire West and Chester"),
    "E08000003": ("manchester", "Manchester"),
    "E08000021": ("newcastle-upon-tyne", "Newcastle upon Tyne"),
    "E06000023": ("bristol", "Bristol"),
    "E08000025": ("birmingham", "Birmingham"),
}

NATION_LABELS = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}


def display_name(official_name, nation):
    """A friendly display name: "Kingston upon Hull" for "Kingston upon Hull, City of"."""
    if nation == "northern-ireland":
        return official_name.replace(" Health and Social Care Trust", " HSC Trust")
    for suffix in (", City of", ", County of"):
        if official_name.endswith(suffix):
            return official_name[: -len(suffix)]
    return official_name


def _free(value, taken, alternatives):
    for candidate in (value, *alternatives):
        if candidate.casefold() not in taken:
            return candidate
    raise ValueError(f"no free value for {value!r}")


def seed(apps, schema_editor):
    Area = apps.get_model("taxonomy", "Area")
    areas = list(Area.objects.all())
    by_code = {a.gss_code: a for a in areas if a.gss_code}
    by_official = {a.official_name.casefold(): a for a in areas if a.official_name}
    by_slug = {a.slug.casefold(): a for a in areas}
    by_name = {a.name.casefold(): a for a in areas}
    claimed = set()

    for code, official_name, nation in local_authorities.LOCAL_AUTHORITIES:
        slug, name = LEGACY.get(code, (None, display_name(official_name, nation)))
        slug = slug or slugify(name)
        area = by_code.get(code) if code else None
        if area is None:
            for candidate in (
                by_official.get(official_name.casefold()),
                by_slug.get(slug),
                by_name.get(name.casefold()),
                by_name.get(official_name.casefold()),
            ):
                if candidate is not None and candidate.pk not in claimed and candidate.gss_code in ("", code):
                    area = candidate
                    break
        if area is None:
            label = NATION_LABELS[nation]
            area = Area(
                slug=_free(slug, by_slug, [f"{slug}-{slugify(label)}", slugify(official_name)]),
                name=_free(name, by_name, [official_name, f"{name} ({label})"]),
            )
        area.gss_code = code
        area.official_name = official_name
        area.nation = nation
        area.save()
        claimed.add(area.pk)
        by_slug[area.slug.casefold()] = by_name[area.name.casefold()] = area


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_area_gss_code_nation")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
