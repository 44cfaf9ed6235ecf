"""{% explain_terms %} and the cached matcher behind it."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.rich_text import RichText

from cms.glossary.inline import get_matcher

from .factories import make_term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]


@pytest.fixture
def terms(db):
    make_term("MASH", expansion="multi-agency safeguarding hub", aliases="MASHs")
    make_term("Threshold", aliases="thresholds")


def render(source, **context):
    return Template("{% load glossary %}" + source).render(Context(context))


def test_explained_once_per_page_across_several_tags(terms):
    request = RequestFactory().get("/")
    html = render(
        "{% explain_terms first %}|{% explain_terms second %}",
        request=request,
        first=mark_safe("<p>The MASH met.</p>"),
        second=mark_safe("<p>The MASH and the threshold.</p>"),
    )
    first, second = html.split("|")
    assert (
        '<abbr title="multi-agency safeguarding hub">MASH</abbr></a> (multi-agency safeguarding hub) met.'
        in first
    )
    assert (
        second
        == '<p>The MASH and the <a class="glossary-term" href="/glossary/threshold/">threshold</a>.</p>'
    )
    assert request._glossary_seen == {"mash", "threshold"}


def test_a_new_request_starts_afresh(terms):
    for _ in range(2):
        html = render(
            "{% explain_terms value %}", request=RequestFactory().get("/"), value=mark_safe("<p>MASH</p>")
        )
        assert "<abbr" in html


def test_plain_text_is_escaped_first(terms):
    html = render("{% explain_terms value %}", request=RequestFactory().get("/"), value="<b>MASH</b> & co")
    assert html.startswith('&lt;b&gt;<a class="glossary-term"')
    assert html.endswith("&lt;/b&gt; &amp; co")
    assert "<b>" not in html


def test_rich_text_and_stream_values(terms):
    request = RequestFactory().get("/")
    rich = RichText("<p>A threshold here.</p>")
    html = render("{% explain_terms value %}", request=request, value=rich)
    assert html == '<p>A <a class="glossary-term" href="/glossary/threshold/">threshold</a> here.</p>'

    stream_block = blocks.StreamBlock([("heading", blocks.CharBlock()), ("text", blocks.RichTextBlock())])
    value = stream_block.to_python(
        [{"type": "heading", "value": "About the MASH"}, {"type": "text", "value": "<p>The MASH & you.</p>"}]
    )
    html = render(
        "{% for block in value %}{% explain_terms block %}{% endfor %}",
        request=RequestFactory().get("/"),
        value=value,
    )
    assert html.startswith('About the <a class="glossary-term"')  # a CharBlock renders escaped text
    html = render("{% explain_terms value %}", request=RequestFactory().get("/"), value=value)
    assert html.count("<abbr") == 1


def test_empty_values(terms):
    assert render("{% explain_terms value %}", value=None) == ""
    assert render("{% explain_terms value %}", value="") == ""


def test_matcher_is_cached_and_rebuilt_when_a_term_changes(terms, django_assert_num_queries):
    matcher = get_matcher()
    with django_assert_num_queries(0):
        assert get_matcher() is matcher
    assert "/glossary/lado/" not in render("{% explain_terms v %}", v=mark_safe("<p>LADO</p>"))
    lado = make_term("LADO", expansion="local authority designated officer")
    assert get_matcher() is not matcher
    assert "/glossary/lado/" in render("{% explain_terms v %}", v=mark_safe("<p>LADO</p>"))
    lado.aliases = "designated officer"
    lado.save()
    assert "/glossary/lado/" in render("{% explain_terms v %}", v=mark_safe("<p>the designated officer</p>"))
    lado.delete()
    assert "/glossary/lado/" not in render("{% explain_terms v %}", v=mark_safe("<p>LADO</p>"))
