"""Resolve free-text area values (from import files, query strings) to `Area` objects.

    index = AreaIndex.load()          # one query
    index.resolve("Bristol City Council")   # -> <Area: Bristol>
    resolve_area("E06000023")         # convenience: builds an index and resolves

A value matches an area by slug, by GSS code (any case), or by its display name, official
name or a known alias, compared after normalisation: case, accents, punctuation, "&"/"and",
"St."/"Saint", ONS's comma form ("Bristol, City of") and designations such as "City of",
"County", "Council", "Metropolitan Borough", "London Borough of", "Royal Borough of" and
"City and County of" are ignored. A name that matches exactly (apart from case, punctuation
and "&") wins over one that only matches once designations are stripped. Nothing is matched
fuzzily: a near miss raises `UnknownArea` with the closest names as suggestions, and a value
that fits several areas raises `AmbiguousArea`.
"""

import difflib
import re
import unicodedata

from cms.taxonomy import local_authorities

# Looks like a GSS code (a letter and 8 digits), perhaps mistyped.
_CODE_LIKE = re.compile(r"^[EWSN][0-9]{6,10}$")
# ONS's comma form, "Bristol, City of", read as "City of Bristol".
_COMMA_FORM = re.compile(
    r"^(.+?)\s*,\s*((?:the|city|county|borough|royal borough|london borough|city and county)(?: of)?)$"
)

# Other names in common use, by GSS code. Welsh-language names are added from
# local_authorities.WELSH_NAMES.
ALIASES = {
    "E06000010": ("Hull",),
    "E06000058": ("BCP",),
    "E08000021": ("Newcastle",),
    "S12000013": ("Eilean Siar", "Comhairle nan Eilean Siar", "Western Isles"),
    "S12000023": ("Orkney",),
    "S12000027": ("Shetland",),
    "W06000001": ("Anglesey",),
    "W06000016": ("Rhondda Cynon Taff", "RCT"),
}

# Designations stripped from either end of a name, as token sequences, longest first.
_PREFIXES = [
    tuple(p.split())
    for p in (
        "council of the",
        "city and county of",
        "metropolitan borough of",
        "london borough of",
        "royal borough of",
        "borough of",
        "city of",
        "county of",
        "county",
        "the",
    )
]
_SUFFIXES = [
    tuple(s.split())
    for s in (
        # ONS's comma form with its comma lost: "Bristol City of"
        "city and county of",
        "metropolitan borough of",
        "london borough of",
        "royal borough of",
        "borough of",
        "city of",
        "county of",
        "health and social care trust",
        "hsc trust",
        "local authority",
        "unitary authority",
        "council",
        "corporation",
        "metropolitan",
        "borough",
        "district",
        "county",
        "city",
        "trust",
        "hsct",
        "mbc",
        "bc",
        "cc",
        "dc",
        "ua",
    )
]
# Names that are nothing without their designation: "City of London" is not "London".
_PROTECTED = {("london",)}
_TOKEN_SYNONYMS = {"saint": "st"}


class AreaLookupError(ValueError):
    """Base class: `value` is what was looked up, `suggestions` are display names to offer."""

    def __init__(self, message, value, suggestions):
        super().__init__(message)
        self.value = value
        self.suggestions = list(suggestions)


class UnknownArea(AreaLookupError):
    pass


class AmbiguousArea(AreaLookupError):
    def __init__(self, message, value, areas):
        super().__init__(message, value, [a.name for a in areas])
        self.areas = list(areas)


def _tokens(value):
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    text = _COMMA_FORM.sub(r"\2 \1", text)
    text = text.replace("&", " and ")
    text = re.sub(r"['\u2019]", "", text)  # King's -> kings
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return tuple(_TOKEN_SYNONYMS.get(t, t) for t in text.split())


def _strip(tokens):
    """Remove designations from both ends, one at a time, while something meaningful remains."""
    changed = True
    while changed:
        changed = False
        for affixes, at_start in ((_SUFFIXES, False), (_PREFIXES, True)):
            for affix in affixes:
                n = len(affix)
                if len(tokens) > n and (tokens[:n] if at_start else tokens[-n:]) == affix:
                    rest = tokens[n:] if at_start else tokens[:-n]
                    if rest not in _PROTECTED:
                        tokens, changed = rest, True
                        break
    return tokens


def full_key(value):
    """A name compared apart from case, accents, punctuation and "&"/"and"."""
    return " ".join(_tokens(value))


def core_key(value):
    """A name with its designations ("City of", "Council", ...) stripped as well."""
    return " ".join(_strip(_tokens(value)))


class AreaIndex:
    """Area lookup tables built once, from one query or from any iterable of areas."""

    def __init__(self, areas):
        self.areas = list(areas)
        self._by_slug = {}
        self._by_code = {}
        self._full = {}
        self._core = {}
        for area in self.areas:
            self._by_slug[area.slug.casefold()] = area
            if area.gss_code:
                self._by_code[area.gss_code.upper()] = area
            names = [area.name, getattr(area, "official_name", "")]
            names += ALIASES.get(area.gss_code, ())
            names.append(local_authorities.WELSH_NAMES.get(area.gss_code, ""))
            for name in filter(None, names):
                self._add(self._full, full_key(name), area)
                self._add(self._core, core_key(name), area)

    @classmethod
    def load(cls, queryset=None):
        from cms.taxonomy.models import Area

        return cls(Area.objects.all() if queryset is None else queryset)

    @staticmethod
    def _add(table, key, area):
        if key:
            table.setdefault(key, {})[id(area)] = area

    def __len__(self):
        return len(self.areas)

    def resolve(self, value):
        """The area `value` names. Raises UnknownArea or AmbiguousArea (both ValueErrors)."""
        text = str(value or "").strip()
        if text.casefold() in self._by_slug:
            return self._by_slug[text.casefold()]
        if text.upper() in self._by_code:
            return self._by_code[text.upper()]
        if _CODE_LIKE.match(text.upper()):
            close = difflib.get_close_matches(text.upper(), self._by_code, n=3, cutoff=0.8)
            raise self._unknown(text, [self._by_code[c].name for c in close])
        for table, key in ((self._full, full_key(text)), (self._core, core_key(text))):
            matches = list(table.get(key, {}).values())
            if len(matches) == 1:
                return matches[0]
            if matches:
                matches.sort(key=lambda a: a.name)
                names = ", ".join(a.name for a in matches)
                raise AmbiguousArea(f"ambiguous area {text!r}: matches {names}", text, matches)
        raise self._unknown(text, self.suggest(text))

    def suggest(self, value, n=3):
        """Display names of the areas closest to `value`, best first."""
        key = core_key(value)
        if not key:
            return []
        # Names containing the value as whole words first ("Kingston" -> "Kingston upon Hull"),
        # then the most similar.
        keys = sorted((k for k in self._core if f" {key} " in f" {k} " and k != key), key=len)
        keys += difflib.get_close_matches(key, self._core, n=10, cutoff=0.5)
        names = []
        for k in keys:
            for area in sorted(self._core[k].values(), key=lambda a: a.name):
                if area.name not in names:
                    names.append(area.name)
        return names[:n]

    @staticmethod
    def _unknown(text, suggestions):
        hint = f"closest: {', '.join(suggestions)}" if suggestions else "no close matches"
        return UnknownArea(f"unknown area {text!r} ({hint})", text, suggestions)


def resolve_area(value):
    """Resolve one value against the areas in the database (one query)."""
    return AreaIndex.load().resolve(value)
