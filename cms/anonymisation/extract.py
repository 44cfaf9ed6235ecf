"""Pull every piece of published text out of a page (or a page revision).

Generic over page types: every editable text/char field of the specific model
(title, summary, outcome, limitations, search description ...), the slug (as words),
every StreamField (nested struct / list / stream blocks included, rich text stripped of
HTML, links' addresses scanned too), the text fields of inline child objects
(InlinePanel), and the images and documents the page uses: chosen in a ForeignKey or a
chooser block, or embedded / linked in rich text. An image gives its title, its alt text
(Wagtail's ``description``, or the ``alt`` written in a rich-text embed) and its file
name; a document its title and file name. They are loaded after the walk, one query per
model; a deleted one is skipped (the page does not show it).

Each piece of text gets a human location such as ``"Summary"`` or
``"Body › Section 2 › Text"`` (``Section 2`` = the second *Section* block of the
body), which is also the ``location`` of the detector's findings and so part of
their dismissal key.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

from .guard import exempt_fields

SEP = " › "

# Page bookkeeping fields that are never shown as content. The slug is published (it is
# the page's address) and scanned on its own, as words.
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "translation_key", "locked_by", "path"}

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "td",
    "th",
    "table",
    "hr",
    "figure",
    "figcaption",
}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.images: list[tuple[str, str]] = []  # (id, alt as written) of <embed embedtype="image">
        self.documents: list[str] = []  # ids of <a linktype="document">
        self.img_alts: list[str] = []  # alt of plain <img> (raw HTML)

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        attrs = dict(attrs)
        if tag == "a":
            href = attrs.get("href")
            if href and not attrs.get("linktype"):
                self.links.append(href)
            if attrs.get("linktype") == "document" and attrs.get("id"):
                self.documents.append(attrs["id"])
        elif tag == "embed" and attrs.get("embedtype") == "image" and attrs.get("id"):
            self.images.append((attrs["id"], attrs.get("alt") or ""))
        elif tag == "img":
            self.img_alts.append(attrs.get("alt") or "")

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)

    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.parts).split("\n")]
        return "\n".join(line for line in lines if line)


def _parse_html(html: str) -> _TextExtractor:
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    return parser


def html_to_text(html: str) -> tuple[str, list[str]]:
    """Visible text of an HTML fragment (blocks on their own lines) and its external link addresses."""
    parser = _parse_html(html)
    return parser.text(), parser.links


def slug_words(slug: str) -> str:
    """A slug as the words a reader sees in the address: 'jo-smith-referral' -> 'jo smith referral'."""
    return " ".join(part for part in re.split(r"[-_\s]+", slug or "") if part)


# Django's storage appends "_" + 7 random letters/digits to a name already taken.
_SUFFIXED = re.compile(r"(?P<stem>.+)_(?P<suffix>[A-Za-z0-9]{7})")
# ...but a word with a number ("Smith12", "jsmith1") may be part of the real name: kept.
_WORDLIKE = re.compile(r"[A-Za-z][a-z]*\d+|\d+[A-Za-z][a-z]*")


def file_name_words(name: str) -> str:
    """A stored file's name as words, without the storage's random suffix:
    'original_images/jo_smith-visit_aB3xK9q.jpg' -> 'jo smith visit jpg'."""
    stem, ext = os.path.splitext(os.path.basename(name or ""))
    match = _SUFFIXED.fullmatch(stem)
    if match:
        suffix = match["suffix"]
        if re.search(r"\d", suffix) and re.search(r"[A-Za-z]", suffix) and not _WORDLIKE.fullmatch(suffix):
            stem = match["stem"]
    return " ".join(part for part in re.split(r"[\s._-]+", stem + ext) if part)


def _label(obj) -> str:
    """A short label: 'Section (situation, outcome...)' -> 'Section'."""
    label = str(getattr(obj, "label", None) or getattr(obj, "name", "") or "")
    if " (" in label:
        label = label.split(" (", 1)[0]
    return capfirst(label.strip())


class _Ref(NamedTuple):
    """An image or document used at ``location``, resolved once every id is known."""

    kind: str  # "image" or "document"
    pk: object
    path: str
    location: str
    embedded: bool  # in rich text: the alt text is the one written in the embed


def _kind_of(model) -> str | None:
    if not isinstance(model, type):
        return None
    if issubclass(model, get_image_model()):
        return "image"
    if issubclass(model, get_document_model()):
        return "document"
    return None


def _is_block_format_item(item) -> bool:
    """A ListBlock item stored as {"type": "item", "value": ..., "id": ...} (not a bare value)."""
    return isinstance(item, dict) and "id" in item and "value" in item and item.get("type") == "item"


class _Extractor:
    """Collects (location, text) pairs, skipping the model's exempt paths.

    ``path`` is the machine name of where a text sits (``body.reflection.author_name``:
    field, block names, no positions); ``location`` is the human label shown to editors.
    StreamFields are walked in their stored (raw) form, so a chosen image or document is
    an id to load later, never a query per block.
    """

    def __init__(self, exempt: frozenset[str]):
        self.exempt = exempt
        self.out: list[tuple[str, str] | _Ref] = []

    def add(self, path: str, location: str, text: str) -> None:
        if path not in self.exempt and text:
            self.out.append((location, text))

    def ref(self, kind: str, pk, path: str, location: str, embedded: bool = False) -> None:
        if pk not in (None, "") and path not in self.exempt:
            self.out.append(_Ref(kind, pk, path, location, embedded))

    def add_rich_text(self, path: str, location: str, html: str) -> None:
        if path in self.exempt:
            return
        parser = _parse_html(html)
        self.add(path, location, parser.text())
        for href in parser.links:
            self.add(path, location + SEP + "Link", href)
        for i, (pk, alt) in enumerate(parser.images, start=1):
            image_location = f"{location}{SEP}Image {i}"
            self.add(f"{path}.image.alt", image_location + SEP + "Alt text", alt.strip())
            self.ref("image", pk, f"{path}.image", image_location, embedded=True)
        for i, alt in enumerate(parser.img_alts, start=len(parser.images) + 1):
            self.add(f"{path}.image.alt", f"{location}{SEP}Image {i}{SEP}Alt text", alt.strip())
        for i, pk in enumerate(parser.documents, start=1):
            self.ref("document", pk, f"{path}.document", f"{location}{SEP}Document {i}")

    def block(self, block, raw, path: str, location: str) -> None:
        """Walk one block's stored (JSON-ish) value."""
        if raw is None or path in self.exempt:
            return
        if isinstance(block, blocks.StreamBlock):
            counts: Counter = Counter()
            for item in raw:
                child_block = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
                if child_block is None:
                    continue  # a block type since removed: not rendered
                counts[child_block.name] += 1
                self.block(
                    child_block,
                    item.get("value"),
                    f"{path}.{child_block.name}",
                    f"{location}{SEP}{_label(child_block)} {counts[child_block.name]}",
                )
        elif isinstance(block, blocks.StructBlock):
            if not isinstance(raw, dict):
                if isinstance(block, ImageBlock):  # stored by an ImageChooserBlock before: an id
                    image_block = block.child_blocks["image"]
                    self.block(image_block, raw, f"{path}.image", f"{location}{SEP}{_label(image_block)}")
                return
            for name, child_block in block.child_blocks.items():
                child_raw = (
                    raw[name] if name in raw else child_block.get_prep_value(child_block.get_default())
                )
                self.block(child_block, child_raw, f"{path}.{name}", f"{location}{SEP}{_label(child_block)}")
        elif isinstance(block, blocks.ListBlock):
            for i, item in enumerate(raw, start=1):
                value = item["value"] if _is_block_format_item(item) else item
                self.block(block.child_block, value, path, f"{location}{SEP}Item {i}")
        elif isinstance(block, blocks.ChooserBlock):
            kind = _kind_of(block.model_class)
            if kind:
                self.ref(kind, getattr(raw, "pk", raw), path, location)
        elif isinstance(block, (blocks.ChoiceBlock, blocks.MultipleChoiceBlock, blocks.StaticBlock)):
            return
        elif isinstance(block, (blocks.RichTextBlock, blocks.RawHTMLBlock)):
            self.add_rich_text(path, location, getattr(raw, "source", None) or str(raw))
        else:
            value = block.to_python(raw)
            if isinstance(value, str) and value.strip():
                self.add(path, location, value)

    def model_fields(self, obj, path_prefix: str, label_prefix: str) -> None:
        for field in obj._meta.concrete_fields:
            path = path_prefix + field.name
            location = label_prefix + capfirst(str(field.verbose_name))
            if field.name == "slug" and isinstance(getattr(obj, "slug", None), str):
                self.add(path, label_prefix + "Slug", slug_words(obj.slug))
            elif field.name in SKIPPED_FIELDS:
                continue
            elif isinstance(field, StreamField):
                value = getattr(obj, field.attname)
                if value is not None:
                    self.block(field.stream_block, list(value.raw_data), path, location)
            elif isinstance(field, models.ForeignKey) and _kind_of(field.related_model):
                self.ref(_kind_of(field.related_model), getattr(obj, field.attname), path, location)
            elif _is_text_field(field):
                value = getattr(obj, field.attname)
                if not value:
                    continue
                if isinstance(field, RichTextField):
                    self.add_rich_text(path, location, value)
                else:
                    self.add(path, location, str(value))

    def resolve(self) -> list[tuple[str, str]]:
        """The pairs, each image / document reference replaced by its texts (one query per model)."""
        models_by_kind = {"image": get_image_model(), "document": get_document_model()}

        def key(ref):
            try:
                return models_by_kind[ref.kind]._meta.pk.to_python(ref.pk)
            except (ValidationError, TypeError, ValueError):
                return None  # not an id: nothing the page can show

        wanted: dict[str, set] = defaultdict(set)
        for item in self.out:
            if isinstance(item, _Ref) and key(item) is not None:
                wanted[item.kind].add(key(item))
        loaded = {
            kind: models_by_kind[kind]._default_manager.in_bulk(list(pks)) for kind, pks in wanted.items()
        }
        self.out, items = [], self.out
        for item in items:
            if not isinstance(item, _Ref):
                self.out.append(item)
                continue
            obj = loaded.get(item.kind, {}).get(key(item))
            if obj is None:
                continue  # deleted: the page shows nothing for it
            self.add(f"{item.path}.title", item.location + SEP + "Title", obj.title)
            if item.kind == "image" and not item.embedded:  # an embed's alt was written in the rich text
                description = (getattr(obj, "description", "") or "").strip()
                self.add(f"{item.path}.description", item.location + SEP + "Alt text", description)
            self.add(f"{item.path}.file", item.location + SEP + "File name", file_name_words(obj.file.name))
        return self.out


def _is_text_field(field) -> bool:
    return (
        isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and field.editable
        and field.name not in SKIPPED_FIELDS
    )


def extract_page_text(page) -> list[tuple[str, str]]:
    """Every piece of text of ``page`` (a specific page instance) as (location, text), in page
    order, leaving out the fields its model declares exempt (see ``guard.py``)."""
    extractor = _Extractor(exempt_fields(page))
    extractor.model_fields(page, "", "")
    for relation in get_all_child_relations(type(page)):
        accessor = relation.get_accessor_name()
        manager = getattr(page, accessor, None)
        if manager is None:
            continue
        label = capfirst(str(relation.related_model._meta.verbose_name_plural))
        for i, child in enumerate(manager.all(), start=1):
            extractor.model_fields(child, f"{accessor}.", f"{label} {i}{SEP}")
    return extractor.resolve() + list(_extra_text(page))


def _extra_text(page):
    """Text a page publishes from elsewhere (a scenario's captions, read from its video's
    caption files): the model's ``anonymisation_extra_text()`` gives (location, text) pairs."""
    extra = getattr(page, "anonymisation_extra_text", None)
    if extra is None:
        return
    for location, text in extra():
        if text and text.strip():
            yield location, text


def extract_block_text(block, value, location: str, path: str = "") -> list[tuple[str, str]]:
    """The (location, text) pairs of one block value (e.g. a RichTextBlock's RichText), images and
    documents included: what a page holding that value would have scanned there."""
    extractor = _Extractor(frozenset())
    extractor.block(block, block.get_prep_value(value), path or block.name or "block", location)
    return extractor.resolve()


def content_hash(fields: list[tuple[str, str]]) -> str:
    """A fingerprint of the scanned text, stored with a clearance."""
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()
