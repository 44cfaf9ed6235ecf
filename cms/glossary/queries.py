"""Reading the glossary: the public listing's terms, one term's page, and the terms that
match a site search."""

import re
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Lower

from .models import GlossaryTerm, TermReading

REVIEW_WINDOW_DAYS = 30
SEARCH_CANDIDATES = 50


def listed_terms():
    """All terms with their agencies and readings (three queries however many terms)."""
    return GlossaryTerm.objects.order_by(Lower("term"), "term").prefetch_related(
        "agencies",
        Prefetch("readings", queryset=TermReading.objects.select_related("agency").order_by("sort_order")),
    )


def text_filter(queryset, query):
    """Terms whose term, expansion or one of its aliases contains ``query`` (any case)."""
    query = " ".join((query or "").split())
    if not query:
        return queryset
    return queryset.filter(
        Q(term__icontains=query) | Q(expansion__icontains=query) | Q(aliases__icontains=query)
    )


def review_due(today=None, within_days=REVIEW_WINDOW_DAYS):
    """Terms whose review date has passed or falls within ``within_days``."""
    today = today or date.today()
    return GlossaryTerm.objects.filter(review_date__lte=today + timedelta(days=within_days))


def _norm(value):
    return " ".join(value.split()).casefold()


def matching_terms(query, limit=3):
    """Terms whose term, expansion or an alias equals or starts with ``query`` (any case),
    exact matches first, then the shortest: the site search's "Glossary" box. One query.

    A one-letter query only finds a term or alias that is that letter."""
    query = _norm(query or "")
    if not query or limit <= 0:
        return []
    if len(query) < 2:
        condition = Q(term__iexact=query) | Q(expansion__iexact=query) | Q(aliases__icontains=query)
    else:
        condition = Q(term__istartswith=query) | Q(expansion__istartswith=query) | Q(aliases__icontains=query)
    candidates = GlossaryTerm.objects.filter(condition).order_by(Lower("term"))[:SEARCH_CANDIDATES]
    ranked = []
    for term in candidates:
        forms = [_norm(term.term), _norm(term.expansion)] + [_norm(a) for a in term.alias_list()]
        forms = [form for form in forms if form]
        if query in forms:
            rank = 0
        elif len(query) >= 2 and any(form.startswith(query) for form in forms):
            rank = 1
        else:
            continue  # the alias only contains the query somewhere in the middle
        ranked.append((rank, len(term.term), term.term.casefold(), term))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[:limit]]


def other_terms_for(term, agency_ids, limit=12):
    """Terms sharing an agency with ``term``, those sharing the most first. One query."""
    if not agency_ids:
        return []
    return list(
        GlossaryTerm.objects.filter(agencies__in=agency_ids)
        .exclude(pk=term.pk)
        .annotate(shared=Count("agencies"))
        .order_by("-shared", Lower("term"), "term")[:limit]
    )


_NOT_LETTER = re.compile(r"[^A-Z]")


def letter_for(term):
    """The A-Z heading a term is listed under ("#" for a term starting with a digit or symbol)."""
    first = (term.strip()[:1] or "#").upper()
    return "#" if _NOT_LETTER.match(first) else first
