"""Inline explanations (cms/glossary/inline.py): the first mention of a term, once a page."""

import pytest

from cms.glossary.inline import TermMatcher, explain_terms

TERMS = [
    {"slug": "mash", "term": "MASH", "expansion": "multi-agency safeguarding hub", "aliases": "MASHs"},
    {"slug": "child-protection", "term": "Child protection", "expansion": "", "aliases": "CP"},
    {"slug": "cp-plan", "term": "CP plan", "expansion": "child protection plan", "aliases": "CPP"},
    {"slug": "threshold", "term": "Threshold", "expansion": "", "aliases": "thresholds, threshold of need"},
    {"slug": "was-not-brought", "term": "Was not brought", "expansion": "", "aliases": "WNB, not brought"},
    {"slug": "family-hub", "term": "Family hub", "expansion": "", "aliases": "children's centre"},
    {
        "slug": "s17",
        "term": "s17",
        "expansion": "section 17 of the Children Act 1989",
        "aliases": "section 17",
    },
    {"slug": "quote", "term": "Q&A", "expansion": 'questions "and" <answers>', "aliases": ""},
]


@pytest.fixture
def matcher():
    return TermMatcher.from_terms(TERMS, url_for=lambda slug: f"/glossary/{slug}/")


def explain(html, matcher, seen=None):
    return explain_terms(html, matcher, set() if seen is None else seen)


def test_acronym_is_wrapped_with_abbr_and_its_expansion_written_out(matcher):
    out = explain("<p>Call the MASH today.</p>", matcher)
    assert out == (
        '<p>Call the <a class="glossary-term" href="/glossary/mash/">'
        '<abbr title="multi-agency safeguarding hub">MASH</abbr></a>'
        " (multi-agency safeguarding hub) today.</p>"
    )


def test_other_terms_are_a_plain_link(matcher):
    out = explain("<p>Below the threshold.</p>", matcher)
    assert out == '<p>Below the <a class="glossary-term" href="/glossary/threshold/">threshold</a>.</p>'


def test_only_the_first_mention_is_explained(matcher):
    out = explain("<p>The MASH said the MASH would call.</p><p>MASH again.</p>", matcher)
    assert out.count("<abbr") == 1
    assert out.count("multi-agency safeguarding hub") == 2  # the title and the text, once
    assert out.endswith("said the MASH would call.</p><p>MASH again.</p>")


def test_seen_is_shared_across_calls_so_a_term_is_explained_once_a_page(matcher):
    seen = set()
    first = explain("<p>The MASH and a CP plan.</p>", matcher, seen)
    second = explain("<p>The MASH, a CP plan and a threshold.</p>", matcher, seen)
    assert "glossary-term" in first and first.count("glossary-term") == 2
    assert (
        second == '<p>The MASH, a CP plan and a <a class="glossary-term" href="/glossary/threshold/">'
        "threshold</a>.</p>"
    )
    assert seen == {"mash", "cp-plan", "threshold"}


def test_never_inside_links_headings_abbr_code_script_or_attributes(matcher):
    html = (
        '<h2>The MASH</h2><h3 class="x">threshold</h3><a href="/mash/">MASH</a><abbr title="MASH">MASH</abbr>'
        '<code>MASH</code><script>var MASH = "threshold";</script><style>.MASH{}</style>'
        '<p title="MASH threshold" data-x="CP plan"><img alt="MASH threshold"></p>'
    )
    assert explain(html, matcher) == html
    # ... and the first mention outside them is the one explained
    out = explain(html + "<p>Then the MASH.</p>", matcher)
    assert out.startswith(html)
    assert out.endswith(
        '<abbr title="multi-agency safeguarding hub">MASH</abbr></a> (multi-agency safeguarding hub).</p>'
    )


def test_text_after_a_closed_heading_or_link_is_explained(matcher):
    out = explain('<h2>MASH</h2><p><a href="/x">the MASH</a> and then the MASH.</p>', matcher)
    assert out.count("<abbr") == 1
    assert '<a href="/x">the MASH</a> and then the <a class="glossary-term"' in out


def test_longest_match_wins(matcher):
    out = explain("<p>Agree a CP plan.</p>", matcher)
    assert (
        '<a class="glossary-term" href="/glossary/cp-plan/">'
        '<abbr title="child protection plan">CP plan</abbr></a>' in out
    )
    assert "/glossary/child-protection/" not in out
    out = explain("<p>A CP conference.</p>", matcher)
    assert '<a class="glossary-term" href="/glossary/child-protection/">CP</a> conference' in out


def test_word_boundaries(matcher):
    html = "<p>MASHED potatoes, SMASH, thresholding, CP-IS and s170.</p>"
    assert explain(html, matcher) == html


def test_acronyms_are_case_sensitive_other_words_are_not(matcher):
    assert explain("<p>mash the potatoes, Mash them.</p>", matcher) == "<p>mash the potatoes, Mash them.</p>"
    out = explain("<p>THRESHOLD OF NEED</p>", matcher)
    assert out == '<p><a class="glossary-term" href="/glossary/threshold/">THRESHOLD OF NEED</a></p>'
    assert "/glossary/s17/" in explain("<p>An S17 assessment</p>", matcher)


def test_aliases_count_and_mark_the_term_seen(matcher):
    seen = set()
    out = explain("<p>Two WNB appointments; was not brought again.</p>", matcher, seen)
    assert '<a class="glossary-term" href="/glossary/was-not-brought/">WNB</a>' in out
    assert out.count("glossary-term") == 1
    assert seen == {"was-not-brought"}
    out = explain("<p>Several MASHs</p>", matcher)
    assert (
        '<abbr title="multi-agency safeguarding hub">MASHs</abbr></a> (multi-agency safeguarding hub)' in out
    )


def test_spelled_out_alias_of_an_acronym_is_a_plain_link(matcher):
    out = explain("<p>A section 17 assessment.</p>", matcher)
    assert out == '<p>A <a class="glossary-term" href="/glossary/s17/">section 17</a> assessment.</p>'


def test_expansion_is_not_repeated_when_the_text_gives_it(matcher):
    out = explain("<p>The MASH (multi-agency safeguarding hub) met.</p>", matcher)
    assert out.count("multi-agency safeguarding hub") == 2  # title + the original text
    out = explain("<p>A child protection plan (CP plan) was agreed.</p>", matcher)
    assert out.count("(child protection plan)") == 0
    assert '<abbr title="child protection plan">CP plan</abbr></a>) was agreed' in out


def test_what_is_inserted_is_escaped_and_nothing_is_unescaped(matcher):
    out = explain(
        "<p>Our Q&amp;A on &lt;script&gt;alert(1)&lt;/script&gt; and the MASH&#39;s role.</p>", matcher
    )
    assert (
        '<a class="glossary-term" href="/glossary/quote/">'
        '<abbr title="questions &quot;and&quot; &lt;answers&gt;">'
        "Q&amp;A</abbr></a> (questions &quot;and&quot; &lt;answers&gt;)"
    ) in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "<script>" not in out
    assert "MASH</abbr></a> (multi-agency safeguarding hub)&#39;s role" in out


def test_markup_without_terms_comes_back_unchanged(matcher):
    html = (
        '<div class="block-paragraph"><p data-block-key="abc">Plain &nbsp;text, &copy; 2024 &amp; '
        "an <em>emphasis</em><br/>and <!-- a comment --> a&nbsp;line.</p></div>"
    )
    assert explain(html, matcher) == html


def test_entities_in_the_text_still_match(matcher):
    out = explain(
        "<p>Visit a children&#8217;s centre or a children&rsquo;s centre, a CP&nbsp;plan.</p>", matcher
    )
    assert (
        '<a class="glossary-term" href="/glossary/family-hub/">children&#8217;s centre</a>'
        " or a children&rsquo;s" in out
    )
    assert '<abbr title="child protection plan">CP&nbsp;plan</abbr>' in out


def test_empty_input_and_no_terms():
    assert explain_terms("", TermMatcher.from_terms([]), set()) == ""
    assert explain_terms("<p>MASH</p>", [], set()) == "<p>MASH</p>"


def test_accepts_term_objects(matcher):
    class Term:
        slug, term, expansion, aliases = "lado", "LADO", "local authority designated officer", "LADOs"

    out = explain_terms("<p>Ask the LADO.</p>", [Term()], set())
    assert '<abbr title="local authority designated officer">LADO</abbr>' in out
