"""Everything a page publishes is scanned: slug, promote fields, and the images and documents it uses."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import Rendition
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from case_studies.tests.factories import make_case_study
from cms.anonymisation.extract import (
    content_hash,
    extract_block_text,
    extract_page_text,
    file_name_words,
    slug_words,
)
from cms.anonymisation.publishing import clear_and_publish

pytestmark = pytest.mark.django_db

SEP = " › "
Image = get_image_model()
Document = get_document_model()


def make_image(title="Process diagram", description="Boxes and arrows", filename="process_diagram.png"):
    return Image.objects.create(title=title, description=description, file=get_test_image_file(filename))


def make_document(title="Referral form", filename="referral-form.pdf"):
    return Document.objects.create(title=title, file=ContentFile(b"%PDF-1.4 test", name=filename))


def figure(image, alt_text="", caption=""):
    return ("figure", {"image": image, "alt_text": alt_text, "caption": caption})


def paragraph(html):
    return ("paragraph", RichText(html))


def embed(image, alt):
    return f'<embed embedtype="image" id="{image.pk}" alt="{alt}" format="fullwidth"/>'


def doc_link(document, text="the form"):
    return f'<a linktype="document" id="{document.pk}">{text}</a>'


def fields_of(page):
    """What the publish guard scans: the latest revision's text."""
    return extract_page_text(page.get_latest_revision().as_object())


def test_slug_is_scanned_as_words_with_the_promote_fields():
    page = make_case_study(state="draft", slug="jo-smith-referral")
    page.seo_title = "A referral that worked"
    page.search_description = "How a school and early help shared a worry."
    fields = extract_page_text(page)

    assert ("Slug", "jo smith referral") in fields
    assert ("Title tag", "A referral that worked") in fields
    assert ("Meta description", "How a school and early help shared a worry.") in fields


def test_words_of_slugs_and_file_names():
    assert slug_words("jo-smith-referral") == "jo smith referral"
    assert file_name_words("original_images/jo_smith-outside.school.jpg") == "jo smith outside school jpg"
    # The random suffix the storage adds to a taken name is dropped...
    assert file_name_words("documents/referral_form_aB3xK9q.pdf") == "referral form pdf"
    # ...but a word (with or without a number) in that place may be part of the name: kept.
    assert file_name_words("documents/report_Smith12.pdf") == "report Smith12 pdf"
    assert file_name_words("documents/visit_oakfield.pdf") == "visit oakfield pdf"


def test_figure_block_image_alt_text_caption_and_file_name():
    image = make_image(description="Flow chart of who phoned whom", filename="who_phoned_whom.png")
    page = make_case_study(
        state="draft",
        body=[figure(image, alt_text="Flow chart of the referral", caption="How the worry moved")],
    )
    figure_1 = SEP.join(["Body", "Figure 1"])
    pairs = [(location, text) for location, text in fields_of(page) if location.startswith(figure_1)]

    assert pairs == [
        (figure_1 + SEP + "Image" + SEP + "Title", "Process diagram"),
        (figure_1 + SEP + "Image" + SEP + "Alt text", "Flow chart of who phoned whom"),
        (figure_1 + SEP + "Image" + SEP + "File name", "who phoned whom png"),
        (figure_1 + SEP + "Alt text", "Flow chart of the referral"),
        (figure_1 + SEP + "Caption", "How the worry moved"),
    ]


def test_rich_text_image_embed_and_document_link():
    """Case-study rich text offers neither feature, so a rich-text block that does is used."""
    image = make_image(title="Team photo", filename="team.png")
    document = make_document(title="Information sharing leaflet", filename="leaflet.pdf")
    block = blocks.RichTextBlock(features=["bold", "link", "image", "document-link"])
    html = f"<p>See {doc_link(document, 'the leaflet')}.</p>{embed(image, 'The team at the front desk')}"

    assert extract_block_text(block, RichText(html), "Body › Paragraph 1") == [
        ("Body › Paragraph 1", "See the leaflet."),
        ("Body › Paragraph 1 › Image 1 › Alt text", "The team at the front desk"),
        ("Body › Paragraph 1 › Image 1 › Title", "Team photo"),
        ("Body › Paragraph 1 › Image 1 › File name", "team png"),
        ("Body › Paragraph 1 › Document 1 › Title", "Information sharing leaflet"),
        ("Body › Paragraph 1 › Document 1 › File name", "leaflet pdf"),
    ]


def test_chooser_blocks_nested_in_lists_and_streams():
    image, document = make_image(), make_document()
    block = blocks.StreamBlock(
        [
            ("gallery", blocks.ListBlock(ImageChooserBlock())),
            (
                "downloads",
                blocks.StructBlock([("file", DocumentChooserBlock()), ("note", blocks.CharBlock())]),
            ),
        ]
    )
    value = block.to_python(
        [
            {"type": "gallery", "value": [{"type": "item", "value": image.pk, "id": "a"}], "id": "1"},
            {"type": "downloads", "value": {"file": document.pk, "note": "Print it"}, "id": "2"},
        ]
    )

    assert extract_block_text(block, value, "Extras") == [
        ("Extras › Gallery 1 › Item 1 › Title", "Process diagram"),
        ("Extras › Gallery 1 › Item 1 › Alt text", "Boxes and arrows"),
        ("Extras › Gallery 1 › Item 1 › File name", "process diagram png"),
        ("Extras › Downloads 1 › File › Title", "Referral form"),
        ("Extras › Downloads 1 › File › File name", "referral form pdf"),
        ("Extras › Downloads 1 › Note", "Print it"),
    ]


def test_image_foreign_key_on_any_model():
    """A ForeignKey to the image model is followed wherever it is (here Wagtail's own rendition)."""
    image = make_image(title="Hero", description="A meeting room", filename="hero.png")
    fields = extract_page_text(Rendition(image=image, filter_spec="width-10"))

    assert ("Image" + SEP + "Title", "Hero") in fields
    assert ("Image" + SEP + "Alt text", "A meeting room") in fields
    assert ("Image" + SEP + "File name", "hero png") in fields


def test_identifying_image_alt_text_stops_publishing():
    image = make_image(description="Photo of Jo Smith outside Oakfield Primary")
    page = make_case_study(state="draft", body=[figure(image, caption="The front door")])

    findings = clear_and_publish(page)

    located = {(finding.location, finding.text) for finding in findings}
    assert (SEP.join(["Body", "Figure 1", "Image", "Alt text"]), "Jo Smith") in located
    page.refresh_from_db()
    assert not page.live


def test_identifying_alt_text_written_in_a_rich_text_embed_stops_publishing():
    image = make_image()
    page = make_case_study(
        state="draft", body=[paragraph(f"<p>Our process.</p>{embed(image, 'Photo of Jo Smith at home')}")]
    )

    findings = clear_and_publish(page)

    located = {(finding.location, finding.text) for finding in findings}
    assert (SEP.join(["Body", "Paragraph 1", "Image 1", "Alt text"]), "Jo Smith") in located


def test_deleted_image_and_document_are_skipped():
    image, document = make_image(), make_document()
    page = make_case_study(
        state="draft",
        body=[
            figure(image, alt_text="A flow chart", caption="The process"),
            paragraph(f"<p>Use {doc_link(document)}.</p>"),
        ],
    )
    image.delete()
    document.delete()
    fields = fields_of(page)

    figure_1 = SEP.join(["Body", "Figure 1"])
    assert (figure_1 + SEP + "Alt text", "A flow chart") in fields
    assert (figure_1 + SEP + "Caption", "The process") in fields
    assert (SEP.join(["Body", "Paragraph 1"]), "Use the form.") in fields
    assert not any(SEP + "Image" + SEP in location or SEP + "Document" in location for location, _ in fields)


def test_content_hash_follows_image_alt_text_and_document_file_name():
    image, document = make_image(), make_document()
    page = make_case_study(state="draft", body=[figure(image), paragraph(f"<p>{doc_link(document)}</p>")])
    obj = page.get_latest_revision().as_object()
    before = content_hash(extract_page_text(obj))

    image.description = "A different description"
    image.save()
    after_alt = content_hash(extract_page_text(obj))
    assert after_alt != before

    document.file.save("new-name.pdf", ContentFile(b"%PDF-1.4 other"))
    assert content_hash(extract_page_text(obj)) != after_alt


def _queries_extracting(page):
    obj = page.get_latest_revision().as_object()
    with CaptureQueriesContext(connection) as queries:
        extract_page_text(obj)
    return [query["sql"] for query in queries.captured_queries]


def test_images_and_documents_load_in_one_query_per_model():
    images = [make_image(title=f"Image {i}", filename=f"image{i}.png") for i in range(3)]
    documents = [make_document(title=f"Document {i}", filename=f"doc{i}.pdf") for i in range(2)]
    plain = make_case_study(state="draft", body=[paragraph("<p>No pictures.</p>")])
    rich = make_case_study(
        state="draft",
        body=[
            figure(images[0]),
            figure(images[1], alt_text="Chart"),
            paragraph(f"<p>{doc_link(documents[0])} and {doc_link(documents[1])}</p>{embed(images[2], 'A')}"),
            figure(images[0]),  # used twice, loaded once
        ],
    )

    baseline, queries = _queries_extracting(plain), _queries_extracting(rich)

    assert len(queries) == len(baseline) + 2
    assert sum(Image._meta.db_table in sql for sql in queries) == 1
    assert sum(Document._meta.db_table in sql for sql in queries) == 1
    assert sum(location.endswith("File name") for location, _ in fields_of(rich)) == 6


def test_case_study_page_renders_a_figure(client):
    described = make_image(description="Arrows between four services", filename="services.png")
    undescribed = make_image(description="", filename="blank.png")
    page = make_case_study(
        body=[
            figure(described, alt_text="Flow chart of the referral", caption="How the worry moved"),
            figure(described),
            figure(undescribed, caption="No description"),
        ]
    )

    html = client.get(page.url).content.decode()

    assert html.count('<figure class="app-figure') == 3
    assert 'alt="Flow chart of the referral"' in html
    assert "<figcaption" in html and "How the worry moved</figcaption>" in html
    assert 'alt="Arrows between four services"' in html  # no alt text: the image's description
    assert 'alt=""' in html  # neither: empty, never missing
