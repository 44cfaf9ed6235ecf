"""The dimensions content is classified by, described once, and one index to look terms up by.

Every place that filters, counts or imports by taxonomy (the case study listing, the
importer, the demo loader, the search page's facets) takes its dimensions from
:data:`DIMENSIONS` and resolves values with a :class:`TermIndex`::

    from cms.taxonomy.dimensions import DIMENSIONS, TermIndex, UnknownTerm, dimension

    terms = TermIndex.load()                      # every term model, one query each
    terms.resolve("agency", "police")             # -> Agency; UnknownTerm if not known
    terms.resolve("area", "Bristol, City of")     # areas go through cms.taxonomy.areas.AreaIndex
    terms.get("stage", "nowhere")                 # -> None: lenient, for URL parameters
    terms.labels("concern")                       # {slug: name}, in the dimension's order
    dimension("theme").lookup                     # "themes__slug", for queryset filters

A dimension names the relation that carries it on a classified model
(:class:`cms.taxonomy.classification.Classified` provides ``agencies``, ``stage``,
``concern_types``, ``area`` and, by the documented pattern, ``themes``); ``year`` and
``evidence`` are plain fields of the models that have them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Dimension:
    param: str  # GET parameter and facet key, e.g. "agency"
    label: str  # shown as the filter's legend, e.g. "Agency"
    model_label: str | None  # "taxonomy.Agency"; None when the values come from the data (year)
    ordering: tuple  # order of the terms in filters
    relation: str  # the field that carries it on a classified model, e.g. "agencies"
    multiple: bool  # one or more terms per item (else exactly one)
    hint: str = ""  # added to "unknown ..." errors when listing the known values is no help

    @property
    def model(self):
        return apps.get_model(self.model_label) if self.model_label else None

    @property
    def noun(self):
        return self.label.lower()

    @property
    def lookup(self):
        """The queryset lookup from a classified model to the value the parameter carries."""
        return f"{self.relation}__slug" if self.model_label else self.relation


DIMENSIONS = (
    Dimension("agency", "Agency", "taxonomy.Agency", ("sort_order", "name"), "agencies", True),
    Dimension("stage", "Journey stage", "taxonomy.JourneyStage", ("sort_order", "name"), "stage", False),
    Dimension(
        "concern", "Concern type", "taxonomy.ConcernType", ("sort_order", "name"), "concern_types", True
    ),
    Dimension(
        "theme",
        "Theme",
        "taxonomy.Theme",
        ("name",),
        "themes",
        True,
        hint="themes must already exist: an editor can add one under Taxonomy > Themes",
    ),
    Dimension("area", "Area", "taxonomy.Area", ("name",), "area", False),
    Dimension("year", "Year", None, ("-year",), "year", False),
    Dimension(
        "evidence", "Evidence type", "taxonomy.EvidenceType", ("sort_order", "name"), "evidence_type", False
    ),
)
_BY_PARAM = {d.param: d for d in DIMENSIONS}


def dimension(param) -> Dimension:
    """The dimension for a parameter name; KeyError naming the known ones if there is none."""
    try:
        return _BY_PARAM[param]
    except KeyError:
        raise KeyError(f"no taxonomy dimension {param!r} (known: {', '.join(_BY_PARAM)})") from None


class UnknownTerm(ValueError):
    """A value that is not a term of its dimension (or, for areas, fits several). The message
    names the dimension, and for areas the closest matches."""

    def __init__(self, dimension: Dimension, value, message: str | None = None):
        self.dimension, self.value = dimension, value
        super().__init__(message or f"unknown {dimension.noun} {value!r}")


_YEAR = re.compile(r"^\d{4}$")


class TermIndex:
    """Terms of every dimension by slug. Each term model is queried at most once, when first
    needed (or all at once with :meth:`load`); areas are resolved by ``AreaIndex``, so they
    may be given by slug, GSS code or official name."""

    def __init__(self):
        self._terms = {}  # param -> [term, ...] in the dimension's order
        self._by_slug = {}  # param -> {slug: term}
        self._areas = None

    @classmethod
    def load(cls, params=None) -> TermIndex:
        """An index with the given dimensions' terms (default: all) already loaded."""
        index = cls()
        for d in DIMENSIONS:
            if d.model_label and (params is None or d.param in params):
                index.terms(d.param)
        return index

    def terms(self, param) -> list:
        """Every term of a dimension, in its order. Not for ``year`` (its values come from data)."""
        d = dimension(param)
        if d.model is None:
            raise ValueError(f"the {d.noun} dimension has no terms: its values come from the content")
        if param not in self._terms:
            self._terms[param] = list(d.model.objects.order_by(*d.ordering))
            self._by_slug[param] = {t.slug: t for t in self._terms[param]}
        return self._terms[param]

    def labels(self, param) -> dict:
        """``{slug: name}`` in the dimension's order."""
        return {t.slug: getattr(t, "name", str(t)) for t in self.terms(param)}

    def get(self, param, value, default=None):
        """The term (an int for ``year``) for a value, or ``default``: for URL parameters."""
        try:
            return self.resolve(param, value)
        except UnknownTerm:
            return default

    def resolve(self, param, value):
        """The term for ``value`` (a slug, any case; for areas also a GSS code or official name;
        for years a four-digit year, returned as an int). Raises :class:`UnknownTerm`."""
        d = dimension(param)
        text = " ".join(str(value if value is not None else "").split())
        if d.model is None:
            if _YEAR.match(text):
                return int(text)
            raise UnknownTerm(d, value, f"{d.noun} must be a four-digit year, got {text!r}")
        if param == "area":
            return self._resolve_area(d, text)
        self.terms(param)
        term = self._by_slug[param].get(text.lower())
        if term is None:
            hint = d.hint or "expected one of: " + ", ".join(self._by_slug[param])
            raise UnknownTerm(d, value, f"unknown {d.noun} {text!r} ({hint})")
        return term

    # -- areas ------------------------------------------------------------------

    def _area_index(self):
        if self._areas is None:
            from .areas import AreaIndex

            self._areas = AreaIndex(self.terms("area"))  # from the same one query
        return self._areas

    def _resolve_area(self, d, text):
        from .areas import AmbiguousArea, UnknownArea

        if not text:
            raise UnknownTerm(d, text, f"unknown {d.noun} ''")
        try:
            return self._area_index().resolve(text)
        except (UnknownArea, AmbiguousArea) as exc:
            message = str(exc)
            if d.noun not in message.lower():
                message = f"{d.noun} {text!r}: {message}"
            raise UnknownTerm(d, text, message) from exc
