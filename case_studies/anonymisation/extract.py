"""Pull every piece of published text out of a page (or a page revision) and scan it.

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

from .detector import Finding, scan_fields

SEP = " › "

# Page bookkeeping fields that are never shown as content (the slug is derived from
# the title, which is scanned).
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "translation_key", "locked_by", "path"}

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "tr", "td", "th", "table", "hr", "figure", "figcaption",
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


def _add_rich_text(html, location, out):
    text, links = html_to_text(html)
    if text:
        out.append((location, text))
    for href in links:
        out.append((location + SEP + "Link", href))


def walk_block(block, value, location: str, out: list[tuple[str, str]]) -> None:
    """Append (location, text) for every text inside ``value`` of ``block``."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        counts: Counter = Counter()
        for child in value:
            counts[child.block_type] += 1
            walk_block(child.block, child.value, f"{location}{SEP}{_label(child.block)} {counts[child.block_type]}",
                       out)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            walk_block(child_block, value.get(name), f"{location}{SEP}{_label(child_block)}", out)
    elif isinstance(block, blocks.ListBlock):
        for i, item in enumerate(value, start=1):
            walk_block(block.child_block, item, f"{location}{SEP}Item {i}", out)
    elif isinstance(block, (blocks.ChoiceBlock, blocks.MultipleChoiceBlock, blocks.StaticBlock)):
        return
    elif isinstance(value, RichText):
        _add_rich_text(value.source, location, out)
    elif isinstance(block, (blocks.RichTextBlock, blocks.RawHTMLBlock)):
        _add_rich_text(str(value), location, out)
    elif isinstance(value, str) and value.strip():
        out.append((location, value))


def _is_text_field(field) -> bool:
    return (
        isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and field.editable
        and field.name not in SKIPPED_FIELDS
    )


def _model_fields_text(obj, prefix: str, out: list[tuple[str, str]]) -> None:
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        location = prefix + capfirst(str(field.verbose_name))
        if isinstance(field, StreamField):
            walk_block(field.stream_block, getattr(obj, field.attname), location, out)
        elif _is_text_field(field):
            value = getattr(obj, field.attname)
            if not value:
                continue
            if isinstance(field, RichTextField):
                _add_rich_text(value, location, out)
            else:
                out.append((location, str(value)))


def extract_page_text(page) -> list[tuple[str, str]]:
    """Every piece of text of ``page`` (a specific page instance) as (location, text), in page order."""
    out: list[tuple[str, str]] = []
    _model_fields_text(page, "", out)
    for relation in get_all_child_relations(type(page)):
        accessor = relation.get_accessor_name()
        manager = getattr(page, accessor, None)
        if manager is None:
            continue
        label = capfirst(str(relation.related_model._meta.verbose_name_plural))
        for i, child in enumerate(manager.all(), start=1):
            _model_fields_text(child, f"{label} {i}{SEP}", out)
    return out


def extract_revision_text(revision) -> list[tuple[str, str]]:
    return extract_page_text(revision.as_object())


def content_hash(fields: list[tuple[str, str]]) -> str:
    """A fingerprint of the scanned text, stored with a clearance."""
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def scan_page(page) -> list[Finding]:
    return scan_fields(extract_page_text(page))


def scan_revision(revision) -> list[Finding]:
    """All findings of a page revision, in page order."""
    return scan_page(revision.as_object())
