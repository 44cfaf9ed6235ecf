"""Bulk import of case studies from a partner's CSV or JSON file.

Used by ``manage.py import_case_studies`` and usable directly::

    rows = read_rows("stories.csv")
    report = CaseStudyImporter(publish=False, dry_run=False).run(rows)

Columns (CSV header names / JSON keys)
--------------------------------------
Required: ``title, summary, area, year, agencies, stage, evidence_type, outcome``.
Optional: ``body, learning, concern_types, themes, consent_position, review_due,
limitations``.

* Multi-valued columns (``agencies, concern_types, themes, learning``) are lists in
  JSON, ``|``-separated in CSV (``learning`` may also be one point per line).
* Taxonomy is given by canonical slug (``cms.taxonomy.canonical``), looked up with
  ``cms.taxonomy.dimensions.TermIndex``; ``area`` may be the slug, the GSS code or the
  name (``cms.taxonomy.areas``). Unknown terms, including unknown theme slugs, are
  errors: an import never invents taxonomy (editors add themes in the admin).
* ``body`` is plain text; each blank-line-separated paragraph becomes a ``paragraph``
  block (escaped, wrapped in ``<p>``); ``learning`` becomes one ``learning_points``
  block after the paragraphs.
* ``consent_position``: a value or label from ``CONSENT_POSITIONS``; when blank or
  absent a new page records ``not-recorded`` ("Consent position not recorded", reported
  as a warning): an import never claims consent that the file does not state.
* ``evidence_type`` is required (the model requires it): a row without one is an error,
  never given a default.
  ``review_due``: ISO date; when blank or absent a new page is due one year from today.
* A blank or absent optional column never erases what an existing page already has.

Each row is validated completely before anything is written for it, and written in
its own transaction, so a bad row leaves nothing behind and does not stop good rows.
Rows are matched to existing pages on (title, area, year): a match gets a new draft
revision if anything differs, otherwise it is counted as unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.rich_text import RichText

from cms.taxonomy.dimensions import TermIndex, UnknownTerm
from cms.taxonomy.models import Area, EvidenceType, JourneyStage
from search.indexing import deferred_index_updates

from .models import CONSENT_POSITIONS, CaseStudyIndexPage, CaseStudyPage

REQUIRED = ["title", "summary", "area", "year", "agencies", "stage", "evidence_type", "outcome"]
OPTIONAL = ["body", "learning", "concern_types", "themes", "consent_position", "review_due", "limitations"]
COLUMNS = REQUIRED + OPTIONAL

CONSENT_NOT_RECORDED = "not-recorded"  # a new page without a consent_position: never "consent given"
TITLE_MAX = 255  # Page.title
SUMMARY_MAX = 600
OUTCOME_MAX = 600
LEARNING_POINT_MAX = 300
MIN_YEAR = 2000

# Fields checked with the model's own validators before a row is written (foreign keys
# come from the taxonomy cache, so they are not re-queried here).
CHECKED_FIELDS = [
    "title",
    "summary",
    "year",
    "consent_position",
    "outcome",
    "limitations",
    "body",
    "review_due",
]


class ImportFileError(Exception):
    """The file as a whole cannot be imported (unreadable, wrong shape, no parent page)."""


class RowError(Exception):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass
class SourceRow:
    number: int  # 1-based data row (header not counted)
    data: dict
    line: int | None = None  # CSV: first physical line of the record (header is line 1)

    @property
    def label(self):
        return f"row {self.number}" + (f" (line {self.line})" if self.line else "")


@dataclass
class RowResult:
    row: SourceRow
    status: str  # created | updated | unchanged | failed
    title: str = ""
    page_id: int | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    publish: str = ""  # "" | published | held | error
    findings: list = field(default_factory=list)
    publish_error: str = ""


@dataclass
class ImportReport:
    dry_run: bool = False
    publish_requested: bool = False
    publish_unavailable: str = ""
    results: list[RowResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status):
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self):
        return [r for r in self.results if r.status == "failed"]

    @property
    def published(self):
        return [r for r in self.results if r.publish == "published"]

    @property
    def held(self):
        return [r for r in self.results if r.publish == "held"]

    @property
    def publish_errors(self):
        return [r for r in self.results if r.publish == "error"]

    def summary(self):
        verb = "would be " if self.dry_run else ""
        parts = [
            f"{self.count('created')} {verb}created",
            f"{self.count('updated')} {verb}updated",
            f"{self.count('unchanged')} unchanged",
            f"{self.count('failed')} failed",
        ]
        if self.publish_requested and not self.dry_run:
            if self.publish_unavailable:
                parts.append("publishing unavailable")
            else:
                parts.append(f"{len(self.published)} published")
                parts.append(f"{len(self.held)} held as drafts for anonymisation review")
                if self.publish_errors:
                    parts.append(f"{len(self.publish_errors)} could not be published")
        prefix = "Dry run, nothing saved: " if self.dry_run else ""
        return f"{prefix}{len(self.results)} rows: " + ", ".join(parts) + f" ({self.seconds:.1f}s)."


# --------------------------------------------------------------------------- reading


def read_rows(path, fmt: str | None = None) -> list[SourceRow]:
    """Read a CSV or JSON file into SourceRows. ``fmt`` is "csv", "json" or None (guess)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFileError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return parse_rows(text, fmt or guess_format(path.name, text))


def guess_format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix[1:]
    return "json" if text.lstrip()[:1] in ("[", "{") else "csv"


def parse_rows(text: str, fmt: str) -> list[SourceRow]:
    if fmt == "json":
        return _parse_json(text)
    if fmt == "csv":
        return _parse_csv(text)
    raise ImportFileError(f"unknown format {fmt!r}: use csv or json")


def _parse_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    if isinstance(data, dict) and isinstance(data.get("case_studies"), list):
        data = data["case_studies"]
    if not isinstance(data, list):
        raise ImportFileError("JSON must be a list of objects, one per case study")
    rows = []
    for number, item in enumerate(data, start=1):
        if isinstance(item, dict):
            rows.append(SourceRow(number, {str(k).strip().lower(): v for k, v in item.items()}))
        else:
            rows.append(SourceRow(number, {"__invalid__": f"expected an object, got {type(item).__name__}"}))
    return rows


def _parse_csv(text):
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("the CSV file is empty") from None
    except csv.Error as exc:
        raise ImportFileError(f"CSV header: {exc}") from exc
    header = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(f"missing required column(s): {', '.join(missing)}")
    rows = []
    number = 0
    previous_line = reader.line_num
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            rows.append(SourceRow(number, {"__invalid__": f"unreadable CSV: {exc}"}, previous_line + 1))
            previous_line = reader.line_num
            continue
        start_line, previous_line = previous_line + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue  # blank line
        number += 1
        data = {}
        if len(values) > len(header):
            data["__invalid__"] = f"{len(values)} values but only {len(header)} columns"
        for name, value in zip(header, values, strict=False):  # extra values reported above
            if name:
                data[name] = value
        rows.append(SourceRow(number, data, start_line))
    return rows


def unknown_columns(rows: Iterable[SourceRow]) -> list[str]:
    seen = set()
    for row in rows:
        seen.update(k for k in row.data if k != "__invalid__")
    return sorted(seen - set(COLUMNS) - {""})


def _norm_space(value):
    return re.sub(r"\s+", " ", str(value)).strip()


# --------------------------------------------------------------------------- validation


@dataclass
class CleanRow:
    title: str
    summary: str
    area: Area
    year: int
    agencies: list
    stage: JourneyStage
    evidence_type: EvidenceType
    outcome: str
    concern_types: list | None = None  # None = not given (keep existing)
    themes: list | None = None
    paragraphs: list[str] | None = None
    learning: list[str] | None = None
    consent_position: str | None = None
    review_due: date | None = None
    limitations: str | None = None

    @property
    def key(self):
        return (title_key(self.title), self.area.pk, self.year)


def title_key(title):
    return _norm_space(title).casefold()


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _text(value, name, problems):
    if isinstance(value, (dict, list, bool)):
        problems.append(f"{name} must be text")
        return ""
    return str(value).strip() if value is not None else ""


def _split_multi(value, name, problems, newlines=False):
    """List from a JSON list or a '|'-separated (and optionally newline-separated) string."""
    if value is None:
        return []
    if isinstance(value, list):
        items = []
        for item in value:
            if isinstance(item, (str, int)) and not isinstance(item, bool):
                items.append(str(item))
            else:
                problems.append(f"{name} must be a list of text values")
                return []
    elif isinstance(value, str):
        items = re.split(r"\||\r?\n" if newlines else r"\|", value)
    else:
        problems.append(f"{name} must be a list or '|'-separated text")
        return []
    return [item.strip() for item in items if item.strip()]


def _lookup_many(values, taxonomy, param, problems):
    found, seen = [], set()
    for value in values:
        try:
            term = taxonomy.resolve(param, value)
        except UnknownTerm as exc:
            problems.append(str(exc))
        else:
            if term.pk not in seen:
                seen.add(term.pk)
                found.append(term)
    return found


def _consent(value):
    wanted = _norm_space(value).casefold()
    for code, label in CONSENT_POSITIONS:
        if wanted in (code, label.casefold()):
            return code
    return None


def _plus_one_year(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def validate_row(data: dict, taxonomy: TermIndex, today: date) -> CleanRow:
    """Return a CleanRow or raise RowError listing every problem found in the row."""
    problems = []
    if "__invalid__" in data:
        problems.append(data["__invalid__"])

    def required_text(name, max_length):
        value = _text(data.get(name), name, problems)
        if not value:
            problems.append(f"missing {name.replace('_', ' ')}")
        elif len(value) > max_length:
            problems.append(f"{name} is {len(value)} characters; the limit is {max_length}")
        return value

    title = _norm_space(required_text("title", TITLE_MAX))
    if title and not slugify(title):
        problems.append("title must contain letters or digits")
    summary = required_text("summary", SUMMARY_MAX)
    outcome = required_text("outcome", OUTCOME_MAX)

    area = None
    area_value = _norm_space(_text(data.get("area"), "area", problems))
    if not area_value:
        problems.append("missing area")
    else:
        try:
            area = taxonomy.resolve("area", area_value)
        except UnknownTerm as exc:
            problems.append(str(exc))

    year = None
    raw_year = data.get("year")
    if _blank(raw_year):
        problems.append("missing year")
    else:
        text_year = str(raw_year).strip()
        if isinstance(raw_year, bool) or not re.fullmatch(r"\d{4}(\.0+)?", text_year):
            problems.append(f"year must be a four-digit year, got {text_year!r}")
        else:
            year = int(float(text_year))
            if year < MIN_YEAR:
                problems.append(f"year {year} is before {MIN_YEAR}")
                year = None
            elif year > today.year:
                problems.append(f"year {year} is in the future")
                year = None

    agencies = _lookup_many(
        _split_multi(data.get("agencies"), "agencies", problems), taxonomy, "agency", problems
    )
    if not agencies and not any(p.startswith(("unknown agency", "agencies")) for p in problems):
        problems.append("missing agencies: at least one agency slug is required")

    def single(name, param, label):
        value = _text(data.get(name), name, problems)
        if not value:
            problems.append(f"missing {label}")
            return None
        try:
            return taxonomy.resolve(param, value)
        except UnknownTerm as exc:
            problems.append(str(exc))
            return None

    stage = single("stage", "stage", "stage")
    evidence_type = single("evidence_type", "evidence", "evidence type")  # required: never defaulted

    clean = {
        "title": title,
        "summary": summary,
        "area": area,
        "year": year,
        "agencies": agencies,
        "stage": stage,
        "evidence_type": evidence_type,
        "outcome": outcome,
    }

    if not _blank(data.get("concern_types")):
        clean["concern_types"] = _lookup_many(
            _split_multi(data["concern_types"], "concern_types", problems), taxonomy, "concern", problems
        )
    if not _blank(data.get("themes")):
        clean["themes"] = _lookup_many(
            _split_multi(data["themes"], "themes", problems), taxonomy, "theme", problems
        )

    if not _blank(data.get("body")):
        body = _text(data["body"], "body", problems)
        clean["paragraphs"] = [
            _norm_space(p) for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if p.strip()
        ]
    if not _blank(data.get("learning")):
        points = [
            re.sub(r"^[-*\u2022]\s*", "", p).strip()
            for p in _split_multi(data["learning"], "learning", problems, newlines=True)
        ]
        points = [p for p in points if p]
        for point in points:
            if len(point) > LEARNING_POINT_MAX:
                problems.append(
                    f"a learning point is {len(point)} characters; the limit is {LEARNING_POINT_MAX}"
                )
        clean["learning"] = points

    if not _blank(data.get("consent_position")):
        value = _text(data["consent_position"], "consent_position", problems)
        code = _consent(value)
        if code is None:
            problems.append(
                f"unknown consent_position {value!r} "
                f"(expected one of: {', '.join(c for c, _ in CONSENT_POSITIONS)})"
            )
        clean["consent_position"] = code
    if not _blank(data.get("review_due")):
        value = _text(data["review_due"], "review_due", problems)
        try:
            clean["review_due"] = date.fromisoformat(value)
        except ValueError:
            problems.append(f"review_due must be a date like 2026-03-31, got {value!r}")
    if not _blank(data.get("limitations")):
        clean["limitations"] = _text(data["limitations"], "limitations", problems)

    if problems:
        raise RowError(problems)
    return CleanRow(**clean)


# --------------------------------------------------------------------------- pages


def build_body(paragraphs, learning):
    blocks = [("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in paragraphs or []]
    if learning:
        blocks.append(("learning_points", {"points": list(learning)}))
    return blocks


def _strip_ids(value):
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_strip_ids(v) for v in value]
    return value


def snapshot(page):
    """What the import controls on a page, in a comparable form."""
    return {
        "title": page.title,
        "summary": page.summary,
        "area": page.area_id,
        "year": page.year,
        "agencies": sorted(a.pk for a in page.agencies.all()),
        "stage": page.stage_id,
        "concern_types": sorted(c.pk for c in page.concern_types.all()),
        "themes": sorted(t.slug for t in page.themes.all()),
        "consent_position": page.consent_position,
        "outcome": page.outcome,
        "evidence_type": page.evidence_type_id,
        "limitations": page.limitations,
        "body": _strip_ids(page.body.get_prep_value()),
        "review_due": page.review_due,
    }


class CaseStudyImporter:
    def __init__(self, parent=None, publish=False, dry_run=False, user=None, today=None):
        self.parent = parent or self.default_parent()
        self.publish = publish
        self.dry_run = dry_run
        self.user = user
        self.today = today or date.today()

    @staticmethod
    def default_parent():
        parent = CaseStudyIndexPage.objects.first()
        if parent is None:
            raise ImportFileError(
                "there is no case studies index page to import under: "
                "create one in the admin or pass --parent PAGE_ID"
            )
        return parent

    def _existing(self):
        index = {}
        for page in CaseStudyPage.objects.child_of(self.parent).only(
            "id", "title", "draft_title", "area_id", "year"
        ):
            for title in {page.title, page.draft_title}:
                index.setdefault((title_key(title), page.area_id, page.year), page.pk)
        return index

    def run(self, rows: list[SourceRow], progress: Callable[[RowResult], None] | None = None) -> ImportReport:
        started = time.monotonic()
        report = ImportReport(dry_run=self.dry_run, publish_requested=self.publish)
        self.taxonomy = TermIndex.load()
        self.existing = self._existing()
        self.clear_and_publish = None
        if self.publish and not self.dry_run:
            self.clear_and_publish, report.publish_unavailable = _load_publisher()

        # Pages are indexed in bulk when the import ends, not on each save (for this import
        # only: the rest of the process keeps indexing on save).
        with deferred_index_updates():
            self._run_rows(rows, report, progress)
        report.seconds = time.monotonic() - started
        return report

    def _run_rows(self, rows, report, progress):
        seen_keys = {}
        for row in rows:
            result = RowResult(row=row, status="failed", title=str(row.data.get("title") or "").strip())
            try:
                clean = validate_row(row.data, self.taxonomy, self.today)
                result.title = clean.title
                if clean.key in seen_keys:
                    raise RowError([f"same title, area and year as {seen_keys[clean.key]}"])
                seen_keys[clean.key] = row.label
                self._import_row(clean, result)
            except RowError as exc:
                result.status, result.problems = "failed", exc.problems
            except ValidationError as exc:
                result.status, result.problems = "failed", _validation_messages(exc)
                self.parent.refresh_from_db()
            if result.status != "failed" and self.clear_and_publish:
                self._publish(result)
            report.results.append(result)
            if progress:
                progress(result)

    # one row ------------------------------------------------------------
    def _import_row(self, clean: CleanRow, result: RowResult):
        page_id = self.existing.get(clean.key)
        if page_id is None:
            page = CaseStudyPage(owner=self.user, live=False, has_unpublished_changes=True)
            before = None
        else:
            page = CaseStudyPage.objects.get(pk=page_id).get_latest_revision_as_object()
            before = snapshot(page)
        self._apply(page, clean, result, new=before is None)
        # Field rules (lengths, choices) checked before anything is written; the full model
        # validation runs again on save, inside the row's transaction.
        page.clean_fields(
            exclude=[f.name for f in CaseStudyPage._meta.fields if f.name not in CHECKED_FIELDS]
        )

        if before is not None and snapshot(page) == before:
            result.status, result.page_id = "unchanged", page_id
            return
        result.status = "created" if before is None else "updated"
        if self.dry_run:
            result.page_id = page_id
            return
        with transaction.atomic():
            if before is None:
                from wagtail.log_actions import log

                self.parent.add_child(instance=page)
                # add_child has just run full_clean on this exact object.
                revision = page.save_revision(user=self.user, log_action=False, clean=False)
                log(
                    instance=page,
                    action="wagtail.create",
                    user=self.user,
                    revision=revision,
                    content_changed=True,
                )
                self.existing[clean.key] = page.pk
            else:
                page.save_revision(user=self.user, log_action=True)
        result.page_id = page.pk

    def _apply(self, page, clean: CleanRow, result: RowResult, new: bool):
        page.title = clean.title
        page.draft_title = clean.title
        page.summary = clean.summary
        page.area = clean.area
        page.year = clean.year
        page.stage = clean.stage
        page.evidence_type = clean.evidence_type
        page.outcome = clean.outcome
        page.agencies.set(clean.agencies)
        if clean.concern_types is not None or new:
            page.concern_types.set(clean.concern_types or [])
        if clean.themes is not None or new:
            page.themes.set(clean.themes or [])
        if clean.paragraphs is not None or clean.learning is not None or new:
            page.body = build_body(clean.paragraphs, clean.learning)
        if clean.consent_position:
            page.consent_position = clean.consent_position
        elif new:
            page.consent_position = CONSENT_NOT_RECORDED
            result.warnings.append("no consent_position: recorded as 'Consent position not recorded'")
        if clean.review_due:
            page.review_due = clean.review_due
        elif new:
            page.review_due = _plus_one_year(self.today)
        if clean.limitations is not None:
            page.limitations = clean.limitations
        elif new:
            page.limitations = ""

    # publishing ----------------------------------------------------------
    def _publish(self, result: RowResult):
        page = CaseStudyPage.objects.get(pk=result.page_id)
        if result.status == "unchanged" and page.live and not page.has_unpublished_changes:
            return  # already live and up to date
        # The gate publishes the object it is given (saving a revision if it differs from the
        # latest), so hand it the latest draft, not the page record's older content.
        latest = page.get_latest_revision_as_object()
        try:
            with transaction.atomic():
                findings = self.clear_and_publish(latest, user=self.user, attest_by_system=True)
        except Exception as exc:  # publishing must never lose the imported draft
            result.publish, result.publish_error = "error", f"{type(exc).__name__}: {exc}"
            return
        if findings:
            result.publish, result.findings = "held", list(findings)
        else:
            result.publish = "published"


def _load_publisher():
    """(clear_and_publish, "") or (None, reason) when the anonymisation check cannot run."""
    from cms.anonymisation.detection import DetectorUnavailable, check_available
    from cms.anonymisation.publishing import clear_and_publish, unavailable_message

    try:
        check_available()
    except DetectorUnavailable as error:
        return None, f"publishing unavailable: {unavailable_message(error)}"
    return clear_and_publish, ""


def _validation_messages(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        return [
            f"{name}: {' '.join(m for e in errors for m in e.messages)}"
            for name, errors in exc.error_dict.items()
        ]
    return list(exc.messages)


def format_finding(finding):
    kind = getattr(finding, "kind", "")
    text = getattr(finding, "text", str(finding))
    location = getattr(finding, "location", "")
    return f"{kind} {text!r}" + (f" in {location}" if location else "")
