"""Spelling corrections ("did you mean") from the indexed ``spell`` vocabulary."""

from whoosh.analysis import RegexTokenizer

from .schema import _TOKEN_PATTERN


def _levenshtein(a, b):
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def word_suggestions(searchers, word, *, limit=5, maxdist=2, prefix=1, field="spell"):
    """Spelling candidates for one lower-cased word from the ``spell`` vocabulary of
    the given Whoosh searchers, best first (edit distance, then frequency)."""
    freq = {}
    for s in searchers:
        if field not in s.schema:
            continue
        for cand in s.corrector(field).suggest(word, limit=limit * 2, maxdist=maxdist, prefix=prefix):
            freq[cand] = freq.get(cand, 0) + s.doc_frequency(field, cand)
    ranked = sorted(freq, key=lambda c: (_levenshtein(word, c), -freq[c], c))
    return ranked[:limit]


def _splits_into_known_words(searchers, word, field, min_part=2):
    """Whether a joined word ("prebirth") is two known words ("pre" + "birth"): the
    search finds it as such, so it needs no correction."""

    def known(w):
        return any(field in s.schema and s.doc_frequency(field, w) > 0 for s in searchers)

    return any(known(word[:i]) and known(word[i:]) for i in range(min_part, len(word) - min_part + 1))


def suggest_query(searchers, query_string, *, maxdist=2, prefix=1, field="spell"):
    """
    "Did you mean": return ``query_string`` with each word unknown to the indexed
    vocabulary replaced by its best correction, or ``None`` if nothing was changed.
    Capitalisation of corrected words is kept (``Pyhton`` -> ``Python``). A word made of
    two known words ("prebirth") counts as known.
    """
    searchers = [s for s in searchers if s is not None]
    if not searchers or not query_string:
        return None
    tokenizer = RegexTokenizer(_TOKEN_PATTERN)
    pieces = []
    last = 0
    changed = False
    for token in tokenizer(query_string, chars=True):
        original = query_string[token.startchar : token.endchar]
        word = original.lower()
        replacement = original
        known = len(word) < 3 or any(
            field in s.schema and s.doc_frequency(field, word) > 0 for s in searchers
        )
        if not known and word.isalpha() and len(word) >= 5:
            known = _splits_into_known_words(searchers, word, field)
        if not known and not word.isdigit():
            cands = word_suggestions(searchers, word, limit=1, maxdist=maxdist, prefix=prefix, field=field)
            if cands:
                replacement = cands[0]
                if original.isupper() and len(original) > 1:
                    replacement = replacement.upper()
                elif original[:1].isupper():
                    replacement = replacement[:1].upper() + replacement[1:]
                changed = changed or replacement.lower() != word
        pieces.append(query_string[last : token.startchar])
        pieces.append(replacement)
        last = token.endchar
    pieces.append(query_string[last:])
    return "".join(pieces) if changed else None
