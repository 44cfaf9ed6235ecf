"""The guide as a PDF: one A4 page with the agency, each tier and the footer."""

import io

import pytest
from pypdf import PdfReader

from cms.agency_guides.demo_guides import GUIDES
from cms.agency_guides.pdf import SIZES, _render, guide_content, guide_pdf, pdf_safe

from .conftest import make_guide

pytestmark = pytest.mark.django_db

A4 = (595, 842)  # points, portrait


def read(data):
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return reader, text


def test_download_is_an_attachment_named_for_the_agency(client):
    make_guide("police")
    response = client.get("/agencies/police.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="police-guide.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_download_is_one_a4_page_with_the_agency_and_every_tier(client, glossary_terms):
    make_guide("childrens-social-care")  # the longest demo guide: 4 tiers, 10 terms
    reader, text = read(client.get("/agencies/childrens-social-care.pdf").content)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == A4
    assert "Children's social care" in text
    for tier in GUIDES["childrens-social-care"]["tiers"]:
        assert tier["name"] in text
    for heading in (
        "What they do with a safeguarding concern",
        "Levels of risk or need",
        "Information they usually hold",
        "What they can share",
        "How to reach them",
        "Common terms",
    ):
        assert heading in text
    assert "multi-agency safeguarding hub" in text  # MASH, with its expansion
    assert "Next review due 22 November 2027" in text
    assert "/agencies/childrens-social-care/" in text


@pytest.mark.parametrize("slug", sorted(GUIDES))
def test_every_demo_guide_fits_one_page(slug, glossary_terms):
    guide = make_guide(slug)
    reader, text = read(guide_pdf(guide))
    assert len(reader.pages) == 1, slug
    assert guide.agency.name in text
    for tier in GUIDES[slug]["tiers"]:
        assert tier["name"] in text, (slug, tier["name"])


def test_long_guide_shrinks_its_type_to_stay_on_one_page(glossary_terms):
    guide = make_guide("police")
    content = guide_content(guide)
    longer = {**content, "what_it_does": content["what_it_does"] * 4}
    assert _render(longer, SIZES[0], ["footer"], "Service").pages_count > 1  # too long at 10pt
    guide.what_it_does = "\n\n".join([guide.what_it_does] * 4)
    guide.save()
    reader, text = read(guide_pdf(guide))
    assert len(reader.pages) == 1
    assert text.count("Officers who meet a child at risk") == 4  # nothing was cut


def test_text_outside_windows_1252_prints_instead_of_failing(glossary_terms):
    guide = make_guide("police", summary="Łódź police \u2192 MASH \u2713, \u4e2d and emoji \U0001f600 too.")
    reader, text = read(guide_pdf(guide))
    assert len(reader.pages) == 1
    assert "L\u00f3dz police -> MASH v, ? and emoji ? too." in text  # ó is in Windows-1252


def test_pdf_safe_keeps_windows_1252_and_collapses_whitespace():
    assert pdf_safe("Children\u2019s  \u201csocial\u201d\ncare \u2013 caf\u00e9") == (
        "Children\u2019s \u201csocial\u201d care \u2013 caf\u00e9"
    )
