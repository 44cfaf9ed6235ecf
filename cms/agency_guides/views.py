"""The public agency guides: a list at /agencies/, one page per agency, and its PDF.

Each view makes the same number of queries whatever the guide holds: the guide with its
agency in one, its common terms in one more.
"""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from cms.glossary.models import GlossaryTerm

from .models import AgencyGuide
from .pdf import guide_pdf, guide_url, paragraphs


def glossary_term_url(term):
    """A term's page in the glossary."""
    return f"/glossary/{term.slug}/"


def _guide(slug):
    guides = AgencyGuide.objects.select_related("agency").prefetch_related(
        Prefetch("common_terms", queryset=GlossaryTerm.objects.order_by("term"))
    )
    return get_object_or_404(guides, agency__slug=slug)


def guide_list(request):
    guides = AgencyGuide.objects.select_related("agency").order_by("agency__sort_order", "agency__name")
    return render(request, "agency_guides/guide_list.html", {"guides": guides})


def guide_detail(request, slug):
    guide = _guide(slug)
    terms = [{"term": term, "url": glossary_term_url(term)} for term in guide.common_terms.all()]
    return render(
        request,
        "agency_guides/guide_detail.html",
        {
            "guide": guide,
            "agency": guide.agency,
            "what_it_does": paragraphs(guide.what_it_does),
            "can_share": paragraphs(guide.can_share),
            "terms": terms,
            "page_url": guide_url(guide, request),
        },
    )


def guide_download(request, slug):
    guide = _guide(slug)
    response = HttpResponse(guide_pdf(guide, request=request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{guide.agency.slug}-guide.pdf"'
    return response
