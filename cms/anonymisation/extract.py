"""Pull every piece of published text out of a page (or a page revision).

Generic over page types: every editable text/char field of the specific model
(title, summary, outcome, limitations, search description ...), every StreamField
(nested struct / list / stream blocks included, rich text stripped of HTML, links'
addresses scanned too) and the text fields of inline child objects (InlinePanel).

Each piece of text gets a human location such as ``"Summary"`` or
``"Body › Section 2 › Text"`` (``Section 2`` = the second *Section* block of the
body), which is also the ``location`` of the detector's findings and so part of
their dismissal key.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from html.parser import HTMLParser

from django.db import models
from django.utils.text import capfirst
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

from .guard import exempt_fields

SEP = " › "

# Page bookkeeping fields that are never shown as content (the slug is derived from
# the title, which is scanned).
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

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "a":
            attrs = dict(attrs)
            href = attrs.get("href")
            if href and not attrs.get("linktype"):
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html: str) -> tuple[str, list[str]]:
    """Visible text of an HTML fragment (blocks on their own lines) and its external link addresses."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line), parser.links


def _label(obj) -> str:
    """A short label: 'Section (situation, outcome...)' -> 'Section'."""
    label = str(getattr(obj, "label", None) or getattr(obj, "name", "") or "")
    if " (" in label:
        label = label.split(" (", 1)[0]
    return capfirst(label.strip())


class _Extractor:
    """Collects (location, text) pairs, skipping the model's exempt paths.

    ``path`` is the machine name of where a text sits (``body.reflection.author_name``:
    field, block names, no positions); ``location`` is the human label shown to editors.
    """

    def __init__(self, exempt: frozenset[str]):
        self.exempt = exempt
        self.out: list[tuple[str, str]] = []

    def add(self, path: str, location: str, text: str) -> None:
        if path not in self.exempt and text:
            self.out.append((location, text))

    def add_rich_text(self, path: str, location: str, html: str) -> None:
        if path in self.exempt:
            return
        text, links = html_to_text(html)
        self.add(path, location, text)
        for href in links:
            self.add(path, location + SEP + "Link", href)

    def block(self, block, value, path: str, location: str) -> None:
        if value is None or path in self.exempt:
            return
        if isinstance(block, blocks.StreamBlock):
            counts: Counter = Counter()
            for child in value:
                counts[child.block_type] += 1
                self.block(
                    child.block,
                    child.value,
                    f"{path}.{child.block_type}",
                    f"{location}{SEP}{_label(child.block)} {counts[child.block_type]}",
                )
        elif isinstance(block, blocks.StructBlock):
            for name, child_block in block.child_blocks.items():
                self.block(
                    child_block, value.get(name), f"{path}.{name}", f"{location}{SEP}{_label(child_block)}"
                )
        elif isinstance(block, blocks.ListBlock):
            for i, item in enumerate(value, start=1):
                self.block(block.child_block, item, path, f"{location}{SEP}Item {i}")
        elif isinstance(block, (blocks.ChoiceBlock, blocks.MultipleChoiceBlock, blocks.StaticBlock)):
            return
        elif isinstance(value, RichText):
            self.add_rich_text(path, location, value.source)
        elif isinstance(block, (blocks.RichTextBlock, blocks.RawHTMLBlock)):
            self.add_rich_text(path, location, str(value))
        elif isinstance(value, str) and value.strip():
            self.add(path, location, value)

    def model_fields(self, obj, path_prefix: str, label_prefix: str) -> None:
        for field in obj._meta.concrete_fields:
            if field.name in SKIPPED_FIELDS:
                continue
            path = path_prefix + field.name
            location = label_prefix + capfirst(str(field.verbose_name))
            if isinstance(field, StreamField):
                self.block(field.stream_block, getattr(obj, field.attname), path, location)
            elif _is_text_field(field):
                value = getattr(obj, field.attname)
                if not value:
                    continue
                if isinstance(field, RichTextField):
                    self.add_rich_text(path, location, value)
                else:
                    self.add(path, location, str(value))


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
    return extractor.out


def content_hash(fields: list[tuple[str, str]]) -> str:
    """A fingerprint of the scanned text, stored with a clearance."""
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()
