"""Links for the GOV.UK pagination component (templates/includes/pagination.html)."""


def govuk_pagination(page_obj, url_for, max_page=None):
    """Previous/next and page numbers with ellipses; None when there is one page.

    `url_for(number)` builds a page's link; `max_page` caps how deep links go.
    """
    total = page_obj.paginator.num_pages
    if total <= 1:
        return None
    current, last = page_obj.number, min(total, max_page or total)
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    items, previous = [], 0
    for number in shown:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": url_for(number), "current": number == current})
        previous = number
    return {
        "items": items,
        "previous": url_for(current - 1) if page_obj.has_previous() else None,
        "next": url_for(current + 1) if page_obj.has_next() and current < last else None,
    }
