"""Inline explanations: the first mention of a glossary term in a page links to its entry.

:func:`explain_terms` is pure: given HTML, the terms (a :class:`TermMatcher`, or anything
:meth:`TermMatcher.from_terms` accepts) and a ``seen`` set shared across a page, it returns
the HTML with the first mention of each term not yet in ``seen`` wrapped:

* an acronym or abbreviation (a term with an expansion, met as written, e.g. ``MASH``)::

      <a class="glossary-term" href="/glossary/mash/"><abbr title="multi-agency safeguarding
      hub">MASH</abbr></a> (multi-agency safeguarding hub)

  The expansion is written out in the text, so it never depends on hovering; it is left out
  when the text already spells it out next to the acronym ("MASH (multi-agency ...)").
* any other term (or a spelled-out alias of an acronym)::

      <a class="glossary-term" href="/glossary/threshold/">threshold</a>

Matching works on the text of the document, never on its markup: the HTML is read with
Python's ``html.parser`` and only text nodes are searched. Nothing inside ``<a>``, ``<abbr>``,
headings, ``<code>``/``<pre>``, ``<script>``/``<style>``, form controls or ``<summary>`` is
touched, nor any attribute. Everything not wrapped is written back exactly as it came in
(character references included), so nothing is unescaped; what is inserted (the expansion,
the slug) is escaped.

A term matches at word boundaries (a hyphen counts as part of a word, so ``CP`` is not found
inside ``CP-IS``); words with two or more capitals (``MASH``, ``CP`` in ``CP plan``) match
case-sensitively, other words in any case; aliases count as the term; at any position the
longest form wins ("CP plan" before "CP"); an apostrophe matches a straight or curly one.

:func:`get_matcher` returns the site's matcher, compiled once per process and rebuilt when
a term is saved or deleted (``cms.glossary.signals`` bumps a version kept in the shared
cache, so every process notices).
"""

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from html import escape, unescape
from html.parser import HTMLParser

from django.core.cache import cache
from django.urls import reverse

# Elements whose text is never explained: links and abbreviations already are something,
# headings stay short and scannable, code is literal, interactive controls must not contain
# a link.
SKIP_ELEMENTS = frozenset(
    {
        "a",
        "abbr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "button",
        "select",
        "option",
        "label",
        "summary",
        "title",
        "svg",
        "math",
        "dfn",
    }
)
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)

_BEFORE = r"(?<![\w-])"
_AFTER = r"(?![\w-])"
_APOSTROPHES = "'\u2019"


@dataclass(frozen=True)
class TermEntry:
    slug: str
    term: str
    expansion: str
    url: str


def is_acronym_word(word):
    """Two or more capitals (MASH, ACEs, CP-IS, ViSOR): matched exactly as written."""
    return sum(ch.isupper() for ch in word) >= 2


def form_is_acronym(form):
    return any(is_acronym_word(word) for word in form.split())


def form_atoms(form):
    """One regular-expression piece a character of ``form``: words with two or more capitals
    exactly as written, other letters in either case, any run of spaces as ``\\s+``, an
    apostrophe straight or curly."""
    atoms = []
    for n, word in enumerate(form.split()):
        if n:
            atoms.append(r"\s+")
        exact = is_acronym_word(word)
        for ch in word:
            lower, upper = ch.lower(), ch.upper()
            if ch in _APOSTROPHES:
                atoms.append("['\u2019]")
            elif exact or lower == upper:
                atoms.append(re.escape(ch))
            elif len(lower) == 1 and len(upper) == 1:
                atoms.append(f"[{re.escape(lower)}{re.escape(upper)}]")
            else:
                atoms.append(f"(?i:{re.escape(ch)})")
    return tuple(atoms)


class _Node:
    __slots__ = ("children", "end", "height")

    def __init__(self):
        self.children = {}
        self.end = None  # the group name of a form ending here
        self.height = 0  # the longest path below


def _emit(node):
    """The trie below ``node`` as a regular expression: longer continuations first, then
    the form ending here (if any) followed by a word boundary, so the longest form wins."""
    parts = [
        atom + _emit(child) for atom, child in sorted(node.children.items(), key=lambda kv: -kv[1].height)
    ]
    if node.end is not None:
        parts.append(f"(?P<{node.end}>){_AFTER}")
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")"


def _height(node):
    node.height = 1 + max((_height(child) for child in node.children.values()), default=0)
    return node.height


def _get(term, name, default=""):
    if isinstance(term, dict):
        return term.get(name, default)
    return getattr(term, name, default)


def _aliases(term):
    aliases = _get(term, "aliases", "") or ""
    if isinstance(aliases, str):
        aliases = aliases.split(",")
    return [alias.strip() for alias in aliases if alias and alias.strip()]


def default_url(slug):
    return reverse("glossary:detail", kwargs={"slug": slug})


class TermMatcher:
    """Every form (term and aliases) of every term, compiled into one regular expression."""

    def __init__(self, entries_and_forms):
        # The forms share one trie of regular-expression pieces, so a position in the text
        # is tested against the few forms that start with its character, not all of them.
        self.entries = []
        self._group_entry = {}
        self._group_acronym = {}
        root = _Node()
        for entry, forms in entries_and_forms:
            self.entries.append(entry)
            for form in forms:
                form = " ".join(form.split())
                if not form:
                    continue
                node = root
                for atom in form_atoms(form):
                    node = node.children.setdefault(atom, _Node())
                if node.end is not None:
                    continue  # the same form (in another case) of an earlier term
                node.end = f"t{len(self._group_entry)}"
                self._group_entry[node.end] = entry
                self._group_acronym[node.end] = form_is_acronym(form) or form == entry.term
        if root.children:
            _height(root)
            self.regex = re.compile(_BEFORE + _emit(root))
        else:
            self.regex = None

    @classmethod
    def from_terms(cls, terms, url_for=default_url):
        """From GlossaryTerm objects or dicts with slug, term, expansion and aliases (a
        comma-separated string or a list)."""
        items = []
        for term in terms:
            slug = _get(term, "slug")
            entry = TermEntry(
                slug=slug,
                term=_get(term, "term"),
                expansion=(_get(term, "expansion") or "").strip(),
                url=url_for(slug),
            )
            items.append((entry, [entry.term, *_aliases(term)]))
        return cls(items)

    def __bool__(self):
        return self.regex is not None

    def __len__(self):
        return len(self.entries)

    def finditer(self, text):
        """``(match, entry, as_acronym)`` for every mention in ``text``, left to right."""
        if self.regex is None:
            return
        for match in self.regex.finditer(text):
            name = match.lastgroup
            yield match, self._group_entry[name], self._group_acronym[name]


def _spelled_out_nearby(text, start, end, expansion):
    """True when the text already gives the expansion: "MASH (multi-agency ...)" or
    "multi-agency ... (MASH)"."""
    folded = " ".join(expansion.split()).casefold()
    after = " ".join(text[end : end + len(expansion) + 8].split()).casefold()
    if after.startswith("(" + folded) or after.startswith("( " + folded):
        return True
    before = " ".join(text[max(0, start - len(expansion) - 8) : start].split()).casefold().rstrip()
    return before.endswith(folded + " (") or before.endswith(folded + "(")


def render_mention(entry, raw_text, as_acronym, with_expansion=True):
    """The markup for one explained mention; ``raw_text`` is the mention as it was in the
    source HTML (already escaped there), everything else is escaped here."""
    href = escape(entry.url, quote=True)
    if as_acronym and entry.expansion:
        expansion = escape(entry.expansion, quote=True)
        html = f'<a class="glossary-term" href="{href}"><abbr title="{expansion}">{raw_text}</abbr></a>'
        if with_expansion:
            html += f" ({expansion})"
        return html
    return f'<a class="glossary-term" href="{href}">{raw_text}</a>'


class _Explainer(HTMLParser):
    def __init__(self, matcher, seen):
        super().__init__(convert_charrefs=False)
        self.matcher = matcher
        self.seen = seen
        self.out = []
        self.skip = defaultdict(int)
        self._text = []  # the text run so far, one decoded character an item
        self._raw = []  # the source of each of those characters ("" after a reference's first)

    # -- text ---------------------------------------------------------------------

    def handle_data(self, data):
        if any(self.skip.values()):
            self.out.append(data)
        else:
            # one piece per character: raw and decoded are the same
            self._text.extend(data)
            self._raw.extend(data)

    def handle_entityref(self, name):
        raw = f"&{name};"
        self._ref(raw)

    def handle_charref(self, name):
        raw = f"&#{name};"
        self._ref(raw)

    def _ref(self, raw):
        if any(self.skip.values()):
            self.out.append(raw)
            return
        decoded = unescape(raw)
        if decoded == raw:  # not a reference we know: plain text
            self._text.extend(raw)
            self._raw.extend(raw)
            return
        # the reference's raw form goes with its first decoded character
        self._text.extend(decoded)
        self._raw.extend([raw] + [""] * (len(decoded) - 1))

    def flush(self):
        if not self._text:
            return
        text = "".join(self._text)
        raw = self._raw
        self._text, self._raw = [], []
        position = 0
        for match, entry, as_acronym in self.matcher.finditer(text):
            if entry.slug in self.seen:
                continue
            self.seen.add(entry.slug)
            start, end = match.span()
            self.out.append("".join(raw[position:start]))
            with_expansion = not (
                as_acronym and entry.expansion and _spelled_out_nearby(text, start, end, entry.expansion)
            )
            self.out.append(render_mention(entry, "".join(raw[start:end]), as_acronym, with_expansion))
            position = end
        self.out.append("".join(raw[position:]))

    # -- markup ---------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        self.flush()
        self.out.append(self.get_starttag_text())
        if tag in SKIP_ELEMENTS and tag not in VOID_ELEMENTS:
            self.skip[tag] += 1

    def handle_startendtag(self, tag, attrs):
        self.flush()
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.flush()
        self.out.append(f"</{tag}>")
        if self.skip.get(tag):
            self.skip[tag] -= 1

    def handle_comment(self, data):
        self.flush()
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.flush()
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.flush()
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.flush()
        self.out.append(f"<![{data}]>")

    def result(self):
        self.close()
        self.flush()
        return "".join(self.out)


def explain_terms(html, terms, seen):
    """``html`` with the first mention of each term not in ``seen`` explained (see the module
    docstring); the slugs of the terms explained are added to ``seen``."""
    html = str(html or "")
    matcher = terms if isinstance(terms, TermMatcher) else TermMatcher.from_terms(terms)
    if not html or not matcher:
        return html
    parser = _Explainer(matcher, seen)
    parser.feed(html)
    return parser.result()


# -- the site's matcher, cached ---------------------------------------------------------

VERSION_KEY = "glossary:matcher-version"
_compiled = (None, None)  # (version, matcher) in this process


def get_matcher():
    """Every glossary term's matcher: compiled once per process, rebuilt after a term is
    saved or deleted anywhere (the version is kept in the shared cache)."""
    global _compiled
    version = cache.get(VERSION_KEY)
    if version is not None and _compiled[0] == version:
        return _compiled[1]
    from .models import GlossaryTerm

    terms = GlossaryTerm.objects.order_by().values("slug", "term", "expansion", "aliases")
    matcher = TermMatcher.from_terms(list(terms))
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            return matcher  # someone bumped it meanwhile: use this one, keep nothing
    _compiled = (version, matcher)
    return matcher


def invalidate_matcher():
    global _compiled
    _compiled = (None, None)
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
