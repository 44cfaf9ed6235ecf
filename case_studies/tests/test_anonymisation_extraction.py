from wagtail.rich_text import RichText

from cms.anonymisation.detection import scan_fields
from cms.anonymisation.extract import content_hash, extract_page_text, html_to_text

from .admin_forms import paragraph, section
from .factories import make_case_study

SEP = " › "


def nested_body():
    return [
        section("What happened", "<p>Child A was worried.</p>"),
        (
            "sharing",
            {
                "what": "Attendance and a worry about home.",
                "with_whom": "The GP and the school DSL",
                "how": ["secure-email"],
                "notes": RichText(
                    '<p>Sent by <b>secure</b> email.</p><p>Then <a href="mailto:jo@example.org">'
                    "the DSL</a> phoned.</p>"
                ),
            },
        ),
        section("Outcome", "<p>The family moved to <i>LS6 2AB</i>.</p><ul><li>One</li><li>Two</li></ul>"),
        ("learning_points", {"points": ["Ask early.", "Call 0113 496 0000 for advice."]}),
        ("reflection", {"quote": "It worked.", "author_name": "A DSL", "author_role": "Designated lead"}),
        paragraph("<p>Plain paragraph.</p>"),
    ]


def test_html_to_text_keeps_blocks_apart_and_collects_links():
    text, links = html_to_text(
        '<p>Smith</p><p>Jane <a href="https://x.example/jane">here</a></p>'
        '<p><a linktype="page" id="3">internal</a> &amp; more</p>'
    )
    assert text == "Smith\nJane here\ninternal & more"
    assert links == ["https://x.example/jane"]


def test_extraction_walks_nested_blocks_with_labels(db):
    page = make_case_study(state="draft", body=nested_body(), limitations="Only one family's view.")
    fields = dict(extract_page_text(page.get_latest_revision().as_object()))

    assert fields["Title"] == page.title
    assert fields["Summary"] == page.summary
    assert fields["Outcome"] == page.outcome
    assert fields["Limitations"] == "Only one family's view."
    assert fields[SEP.join(["Body", "Section 1", "Heading"])] == "What happened"
    assert fields[SEP.join(["Body", "Section 1", "Text"])] == "Child A was worried."
    assert fields[SEP.join(["Body", "Section 2", "Text"])] == "The family moved to LS6 2AB.\nOne\nTwo"
    sharing = "Body" + SEP + "What was shared, with whom, how 1"
    assert fields[sharing + SEP + "What"] == "Attendance and a worry about home."
    assert fields[sharing + SEP + "With whom"] == "The GP and the school DSL"
    assert fields[sharing + SEP + "Notes"] == "Sent by secure email.\nThen the DSL phoned."
    assert fields[sharing + SEP + "Notes" + SEP + "Link"] == "mailto:jo@example.org"
    assert not any(key.endswith(SEP + "How") for key in fields)  # choices are not text
    points = SEP.join(["Body", "Learning points 1", "Points"])
    assert fields[points + SEP + "Item 2"] == "Call 0113 496 0000 for advice."
    reflection = SEP.join(["Body", "Practitioner reflection 1"])
    assert fields[reflection + SEP + "Quote"] == "It worked."
    assert fields[reflection + SEP + "Author role"] == "Designated lead"
    # The named author of a reflection has consented to be named: exempt, and nothing else.
    assert reflection + SEP + "Author name" not in fields
    assert fields[SEP.join(["Body", "Paragraph 1"])] == "Plain paragraph."
    assert fields["Slug"] == page.slug.replace("-", " ")  # scanned as words: an editor can type it
    assert "Consent position" not in fields


def test_a_reflections_champion_is_a_page_reference_not_text(db):
    """A chosen champion adds no text to the check: their profile is its own page, checked and
    published with their consent; the quote and role are still scanned."""
    from cms.home.models import HomePage

    some_page = HomePage.objects.get()  # any page: only the reference is stored
    quote = {"quote": "It worked.", "author_name": "A DSL", "author_role": "Designated lead"}
    plain = make_case_study(state="draft", body=[("reflection", quote)])
    chosen = make_case_study(state="draft", body=[("reflection", {**quote, "champion": some_page})])

    def scanned(page):
        return {where: text for where, text in extract_page_text(page) if where not in ("Title", "Slug")}

    assert chosen.body.raw_data[0]["value"]["champion"] == some_page.pk
    assert scanned(chosen) == scanned(plain)
    reflection = SEP.join(["Body", "Practitioner reflection 1"])
    assert scanned(chosen)[reflection + SEP + "Quote"] == "It worked."


def test_extraction_includes_search_description(db):
    page = make_case_study(state="draft")
    page.search_description = "Email jane.doe@example.org for more."
    locations = [location for location, _ in extract_page_text(page)]
    assert any("description" in location.lower() for location in locations)


def test_scan_revision_reports_findings_with_locations(db):
    page = make_case_study(state="draft", body=nested_body())
    found = {
        (f.kind, f.location, f.text)
        for f in scan_fields(extract_page_text(page.get_latest_revision().as_object()))
    }
    assert ("postcode", SEP.join(["Body", "Section 2", "Text"]), "LS6 2AB") in found
    assert ("phone", SEP.join(["Body", "Learning points 1", "Points", "Item 2"]), "0113 496 0000") in found
    assert any(kind == "email" and location.endswith("Link") for kind, location, _ in found)


def test_content_hash_changes_with_text(db):
    page = make_case_study(state="draft")
    before = content_hash(extract_page_text(page))
    page.summary += " More."
    assert content_hash(extract_page_text(page)) != before
