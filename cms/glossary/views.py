"""The public glossary: /glossary/ (A to Z or by agency, filterable without JavaScript) and
/glossary/<slug>/ (one term in full)."""

import string
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page

from cms.taxonomy.models import Agency

from . import queries
from .models import GlossaryTerm, TermReading

VIEW_AZ = "az"
VIEW_AGENCY = "agency"
MAX_QUERY_LENGTH = 100
LETTERS = list(string.ascii_uppercase) + ["#"]

# Related pages are chosen by page type (the glossary never imports a feature app).
PAGE_TYPE_LABELS = {
    "case_studies.casestudypage": "Case study",
    "training.scenariopage": "Video scenario",
}


class GlossaryParams:
    """The listing's GET parameters: ``view`` (az|agency), ``agency`` (repeatable), ``q``."""

    def __init__(self, request, agencies):
        get = request.GET
        self.view = VIEW_AGENCY if get.get("view") == VIEW_AGENCY else VIEW_AZ
        self.query = " ".join(get.get("q", "").split())[:MAX_QUERY_LENGTH]
        by_slug = {agency.slug: agency for agency in agencies}
        self.agencies = []
        self.notices = []
        for slug in get.getlist("agency")[:20]:
            slug = slug.strip().lower()[:100]
            if not slug:
                continue
            if slug in by_slug:
                if by_slug[slug] not in self.agencies:
                    self.agencies.append(by_slug[slug])
            else:
                self.notices.append(f"“{slug}” is not an agency we know, so that filter was ignored.")
        self.agency_slugs = {agency.slug for agency in self.agencies}

    @property
    def filtered(self):
        return bool(self.agencies or self.query)

    def url(self, **changes):
        data = {"view": self.view, "q": self.query, "agency": [a.slug for a in self.agencies]}
        data.update(changes)
        data = {k: v for k, v in data.items() if v not in (None, "", [])}
        if data.get("view") == VIEW_AZ:
            del data["view"]
        return "?" + urlencode(data, doseq=True) if data else "?"


def _letter_groups(terms):
    groups = {}
    for term in terms:
        groups.setdefault(queries.letter_for(term.term), []).append(term)
    return [{"letter": letter, "terms": groups[letter]} for letter in LETTERS if letter in groups]


def _agency_groups(terms, agencies, chosen):
    shown = [agency for agency in agencies if not chosen or agency in chosen]
    groups = []
    for agency in shown:
        members = [term for term in terms if agency in term.agencies.all()]
        if members:
            groups.append({"agency": agency, "terms": members})
    return groups


@require_GET
def glossary_index(request):
    agencies = list(Agency.objects.all())
    params = GlossaryParams(request, agencies)
    terms = queries.listed_terms()
    if params.agencies:
        terms = terms.filter(agencies__in=params.agencies).distinct()
    terms = list(queries.text_filter(terms, params.query))
    letters = _letter_groups(terms)
    with_terms = {group["letter"] for group in letters}
    context = {
        "params": params,
        "agencies": agencies,
        "terms": terms,
        "total": len(terms),
        "letter_nav": [{"letter": letter, "linked": letter in with_terms} for letter in LETTERS],
        "letter_groups": letters,
        "agency_groups": _agency_groups(terms, agencies, params.agencies)
        if params.view == VIEW_AGENCY
        else [],
        "az_url": params.url(view=VIEW_AZ),
        "agency_view_url": params.url(view=VIEW_AGENCY),
        "clear_url": params.url(q=None, agency=None),
    }
    return render(request, "glossary/index.html", context)


def _related_pages(request, term):
    """The term's live, public related pages as their specific types, in the editor's order
    (one query a page type)."""
    ids = [link.page_id for link in term.related_pages.all()]
    if not ids:
        return []
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).live().public().specific()}
    out = []
    for page_id in ids:
        page = pages.get(page_id)
        if page is None:
            continue
        label = PAGE_TYPE_LABELS.get(page._meta.label_lower, page._meta.verbose_name.capitalize())
        out.append({"page": page, "title": page.title, "url": page.get_url(request), "type": label})
    return out


@require_GET
def glossary_term(request, slug):
    try:
        term = GlossaryTerm.objects.prefetch_related(
            "agencies",
            "related_pages",
            Prefetch(
                "readings", queryset=TermReading.objects.select_related("agency").order_by("sort_order")
            ),
        ).get(slug=slug)
    except GlossaryTerm.DoesNotExist:
        raise Http404("No such glossary term") from None
    agencies = list(term.agencies.all())
    context = {
        "term": term,
        "agencies": agencies,
        "related": _related_pages(request, term),
        "other_terms": queries.other_terms_for(term, [agency.pk for agency in agencies]),
    }
    return render(request, "glossary/term.html", context)
