"""HTML-safe highlighting of matched words, and the analysed terms of a query to match;
usable without Django models."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from modelsearch.query import And, Boost, Fuzzy, Or, Phrase, PlainText
from whoosh import highlight as wh

from .schema import _PLAIN_ANALYZER, _SEARCH_ANALYZER, _tokens


class MarkFormatter(wh.Formatter):
    """Whoosh formatter that HTML-escapes all text and wraps matches in ``<mark>``."""

    between = " … "

    def __init__(self, tagname="mark", between=" … "):
        self.tagname = tagname
        self.between = between

    def _text(self, text):
        return escape(text)

    def format_token(self, text, token, replace=False):
        return f"<{self.tagname}>{escape(wh.get_text(text, token, replace))}</{self.tagname}>"


def highlight_text(
    text,
    terms,
    *,
    prefixes=(),
    analyzer=None,
    max_fragments=3,
    fragment_chars=200,
    surround=40,
    separator=" … ",
    tagname="mark",
):
    """
    Return an HTML-safe snippet (``SafeString``) of ``text`` in which the words matching
    ``terms`` are wrapped in ``<mark>``; ``""`` if nothing matches.

    The text is escaped first (``<script>`` becomes ``&lt;script&gt;``) and only then are
    the matched words wrapped, so the output is safe to render with ``|safe``.

    :param terms: analysed terms to match (stems when using the default English
        analyzer, e.g. ``query_terms("running shoes")``).
    :param prefixes: matched as prefixes of the *unstemmed* lower-cased words
        (autocomplete highlighting).
    :param analyzer: Whoosh analyzer applied to ``text`` (default: English stemming).
    """
    if not text:
        return mark_safe("")
    analyzer = analyzer or _SEARCH_ANALYZER
    termset = frozenset(terms)
    prefixes = tuple(p.lower() for p in prefixes if p)

    def matched(tokens):
        claimed = -1  # a matched compound is marked whole, not part by part
        for t in tokens:
            ok = t.text in termset
            if not ok and prefixes:
                original = text[t.startchar : t.endchar].lower()
                ok = original.startswith(prefixes)
            if getattr(t, "joined", False):
                if ok:
                    claimed = t.endchar
            elif t.endchar <= claimed:
                ok = False
            t.matched = ok
            yield t

    tokens = analyzer(text, chars=True, positions=True, mode="index", removestops=False, joined_first=True)
    fragmenter = wh.ContextFragmenter(maxchars=fragment_chars, surround=surround)
    fragments = fragmenter.fragment_tokens(text, matched(tokens))
    fragments = wh.top_fragments(fragments, max_fragments, wh.BasicFragmentScorer(), wh.FIRST)
    if not fragments:
        return mark_safe("")
    for fragment in fragments:
        # don't cut off leading/trailing punctuation (e.g. "<" / "." at the edges)
        if not _WORD_RE.search(text, 0, fragment.startchar):
            fragment.startchar = 0
        if not _WORD_RE.search(text, fragment.endchar):
            fragment.endchar = len(text)
    formatter = MarkFormatter(tagname=tagname, between=escape(separator))
    return mark_safe(formatter(text, fragments))


_WORD_RE = re.compile(r"\w")


def query_terms(query, autocomplete=False, vocabulary=None):
    """
    The positive terms of a query string or modelsearch ``SearchQuery`` analysed as they
    are in the index: stems for full-text search, lower-cased words for autocomplete.
    Terms under ``Not`` are skipped. A hyphenated word gives its parts and joined form;
    with ``vocabulary`` (the index's, see :mod:`.query`) a joined word the index never
    says also gives the two words it splits into, and two adjacent words their joined
    form when the index has it -- the words those queries match.
    """
    analyzer = _PLAIN_ANALYZER if autocomplete else _SEARCH_ANALYZER
    out = []

    def add(text):
        out.extend(_tokens(analyzer, text))
        if autocomplete or vocabulary is None:
            return
        words = _tokens(_PLAIN_ANALYZER, text)
        for word in words:
            out.extend(vocabulary.split(word) or ())
        for left, right in zip(words, words[1:], strict=False):
            joined = _tokens(_SEARCH_ANALYZER, left + right)
            if len(joined) == 1 and vocabulary.indexed(joined[0]):
                out.append(joined[0])

    def walk(q):
        if isinstance(q, str):
            add(q)
        elif isinstance(q, (PlainText, Phrase, Fuzzy)):
            add(q.query_string)
        elif isinstance(q, Boost):
            walk(q.subquery)
        elif isinstance(q, (And, Or)):
            for sub in q.subqueries:
                walk(sub)

    walk(query)
    return list(dict.fromkeys(out))
