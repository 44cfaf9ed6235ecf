"""The public glossary: /glossary/ (A to Z, by agency, filters) and /glossary/<slug>/."""

import re

import pytest
from django.urls import reverse

from cms.glossary.models import TermRelatedPage
from cms.home.models import HomePage

from .factories import make_term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]

INDEX = "/glossary/"


@pytest.fixture
def terms(db):
    return {
        "mash": make_term(
            "MASH",
            expansion="multi-agency safeguarding hub",
            aliases="MASHs, safeguarding hub",
            agencies=["childrens-social-care", "police"],
            readings=[("police", "Police read it as the public protection unit's desk.")],
        ),
        "threshold": make_term(
            "Threshold",
            aliases="thresholds, threshold of need",
            agencies=["childrens-social-care", "education", "health"],
            readings=[
                ("education", "Schools read it as the point at which to refer."),
                ("health", "Health read it as a clinical cut-off."),
            ],
        ),
        "dsl": make_term("DSL", expansion="designated safeguarding lead", agencies=["education"]),
        "s47": make_term(
            "s47", expansion="section 47 of the Children Act 1989", agencies=["childrens-social-care"]
        ),
        "gillick": make_term(
            "Gillick competence", aliases="Gillick competent", agencies=["health", "education"]
        ),
        "housing": make_term("Priority need", agencies=["housing"]),
    }


def entry_terms(html):
    """The terms listed, in page order (their entry headings)."""
    return re.findall(r'<article class="app-glossary-entry" id="term-(?:[\w-]+-)?([\w-]+?)"', html)


def listed(html):
    return re.findall(r'app-glossary-entry__term" id="term-([\w-]+)-heading"', html)


def test_a_to_z_lists_every_term_in_order_under_its_letter(client, terms):
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert listed(html) == ["dsl", "gillick-competence", "mash", "priority-need", "s47", "threshold"]
    for letter in "DGMPST":
        assert f'href="#letter-{letter.lower()}"' in html
        assert f'id="letter-{letter.lower()}"' in html
    # letters without terms are not links
    assert 'href="#letter-a"' not in html and 'id="letter-a"' not in html
    assert 'A<span class="govuk-visually-hidden"> (no terms)</span>' in html
    assert "6 terms" in html


def test_entry_shows_abbr_expansion_meaning_agencies_readings_and_link(client, terms):
    html = client.get(INDEX).content.decode()
    start = html.index('id="term-mash"')
    entry = html[start : html.index("</article>", start)]
    assert (
        '<a class="govuk-link" href="/glossary/mash/">'
        '<abbr title="multi-agency safeguarding hub">MASH</abbr></a>' in entry
    )
    assert "Multi-agency safeguarding hub" in entry
    assert terms["mash"].meaning in entry
    assert "Children&#x27;s social care, Police" in entry or "Children's social care, Police" in entry
    assert "How other agencies read it" in entry
    assert "<strong>Police:</strong> Police read it as the public protection unit&#x27;s desk." in entry
    # no readings, no heading
    start = html.index('id="term-dsl"')
    assert "How other agencies read it" not in html[start : html.index("</article>", start)]


def test_filter_by_agency(client, terms):
    html = client.get(INDEX, {"agency": "education"}).content.decode()
    assert listed(html) == ["dsl", "gillick-competence", "threshold"]
    assert 'value="education" checked' in html
    html = client.get(INDEX, {"agency": ["housing", "police"]}).content.decode()
    assert listed(html) == ["mash", "priority-need"]


def test_unknown_agency_is_ignored_with_a_notice(client, terms):
    html = client.get(INDEX, {"agency": "nonsense"}).content.decode()
    assert "is not an agency we know" in html
    assert len(listed(html)) == 6


def test_text_filter_matches_term_expansion_and_aliases(client, terms):
    assert listed(client.get(INDEX, {"q": "mash"}).content.decode()) == ["mash"]
    assert listed(client.get(INDEX, {"q": "designated safeguarding"}).content.decode()) == ["dsl"]
    assert listed(client.get(INDEX, {"q": "of need"}).content.decode()) == ["threshold"]
    assert listed(client.get(INDEX, {"q": "competent"}).content.decode()) == ["gillick-competence"]
    html = client.get(INDEX, {"q": "zzz"}).content.decode()
    assert listed(html) == [] and "No terms" in html


def test_text_and_agency_filters_combine(client, terms):
    assert listed(client.get(INDEX, {"q": "s", "agency": "health"}).content.decode()) == ["threshold"]


def test_by_agency_groups_terms_under_each_agency(client, terms):
    html = client.get(INDEX, {"view": "agency"}).content.decode()
    assert 'aria-current="page">By agency</a>' in html
    groups = re.findall(r'<h2 class="govuk-heading-l app-glossary-group__heading" id="agency-([\w-]+)"', html)
    # in the taxonomy's order; an agency without terms has no group
    assert groups == ["childrens-social-care", "police", "health", "education", "housing"]
    section = html[
        html.index('<h2 class="govuk-heading-l app-glossary-group__heading" id="agency-education"') :
    ]
    section = section[: section.index("</section>")]
    assert re.findall(r'id="term-education-([\w-]+)-heading"', section) == [
        "dsl",
        "gillick-competence",
        "threshold",
    ]
    # the view is kept when filtering
    assert '<input type="hidden" name="view" value="agency">' in html
    html = client.get(INDEX, {"view": "agency", "agency": "housing"}).content.decode()
    groups = re.findall(r'app-glossary-group__heading" id="agency-([\w-]+)"', html)
    assert groups == ["housing"]


def test_view_links_keep_the_filters(client, terms):
    html = client.get(INDEX, {"agency": "education", "q": "d"}).content.decode()
    assert 'href="?view=agency&amp;q=d&amp;agency=education"' in html
    assert 'href="?q=d&amp;agency=education" aria-current="page">A to Z' in html


def test_form_works_without_javascript(client, terms):
    html = client.get(INDEX).content.decode()
    form = html[html.index('<form method="get" action="/glossary/"') :]
    form = form[: form.index("</form>")]
    assert '<button type="submit" class="govuk-button" data-module="govuk-button">Apply</button>' in form
    assert '<label class="govuk-label govuk-label--s" for="glossary-q">' in form
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Agency</legend>' in form
    assert form.count('type="checkbox" name="agency"') + form.count('name="agency" type="checkbox"') == 9
    main = html[html.index("<main") : html.index("</main>")]
    assert "<script" not in main and 'style="' not in main


def test_index_query_count_does_not_grow_with_terms(client, terms, django_assert_num_queries):
    with django_assert_num_queries(4):  # agencies, terms, their agencies, their readings
        client.get(INDEX)
    for n in range(20):
        make_term(f"Extra term {n}", agencies=["police", "health"], readings=[("police", "Read otherwise.")])
    with django_assert_num_queries(4):
        response = client.get(INDEX, {"view": "agency", "agency": ["police", "health"], "q": "e"})
    # with an "e": the 20 extra terms under Police and again under Health; MASH (its alias
    # "safeguarding hub") under Police; Threshold and Gillick competence under Health
    assert response.content.decode().count('class="app-glossary-entry"') == 43


@pytest.fixture
def related(terms):
    """Two live pages and a draft linked to MASH (plain Wagtail pages stand in for case
    studies and scenarios: the glossary only reads their specific URLs)."""
    home = HomePage.objects.get()
    from wagtail.models import Page

    pages = []
    for title, live in [("A MASH story", True), ("A draft story", False), ("Another story", True)]:
        page = home.add_child(instance=Page(title=title, slug=title.lower().replace(" ", "-"), live=live))
        pages.append(page)
    term = terms["mash"]
    term.related_pages = [TermRelatedPage(page=page, sort_order=n) for n, page in enumerate(pages)]
    term.save()
    return pages


def test_detail_page(client, terms, related):
    response = client.get("/glossary/mash/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<abbr title="multi-agency safeguarding hub">MASH</abbr></h1>' in html
    assert "stands for <strong>multi-agency safeguarding hub</strong>" in html
    assert terms["mash"].meaning in html
    assert "Police read it as the public protection unit&#x27;s desk." in html
    # related: live pages only, in order, by their URLs
    section = html[html.index('data-testid="related-pages"') :]
    section = section[: section.index("</ul>")]
    assert re.findall(r'href="([^"]+)">([^<]+)</a>', section) == [
        (related[0].url, "A MASH story"),
        (related[2].url, "Another story"),
    ]
    # other terms used by the same agencies (social care and police): those sharing most first
    other = html[html.index('data-testid="other-terms"') :]
    other = other[: other.index("</ul>")]
    assert re.findall(r'href="/glossary/([\w-]+)/"', other) == ["s47", "threshold"]
    assert "priority-need" not in other


def test_detail_404_for_unknown_slug(client, terms):
    assert client.get("/glossary/no-such-term/").status_code == 404
    assert reverse("glossary:detail", kwargs={"slug": "mash"}) == "/glossary/mash/"


def test_detail_query_count_is_constant(client, terms, related, django_assert_num_queries):
    client.get("/glossary/mash/")  # warm the site root paths cache
    with django_assert_num_queries(9) as captured:
        client.get("/glossary/mash/")
    assert captured
    home = HomePage.objects.get()
    from wagtail.models import Page

    more = [home.add_child(instance=Page(title=f"Story {n}", slug=f"story-{n}", live=True)) for n in range(5)]
    term = terms["mash"]
    term.related_pages = list(term.related_pages.all()) + [
        TermRelatedPage(page=page, sort_order=10 + n) for n, page in enumerate(more)
    ]
    term.save()
    with django_assert_num_queries(9):
        response = client.get("/glossary/mash/")
    assert response.content.decode().count("Story ") == 5
