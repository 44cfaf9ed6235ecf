"""What the scenario player sends: watched-time beacons, decision-point answers, reflections.

Every view answers only for a live, public scenario page (404 otherwise), checks CSRF
(Django's middleware: nothing here is exempt) and changes state on POST only. Anonymous
visitors can watch and answer, and nothing about them is kept: a beacon gets 204, an
answer shows its commentary without being recorded. Reflections are for signed-in people
only, and each person sees and deletes only their own (anyone else's is a 404).
Bad input gets a 400 that says what was wrong: JSON for the player's script, a page for
a form.
"""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from .forms import REAL_CASE_WARNING, ReflectionForm
from .models import Reflection, ScenarioPage
from .progress import (
    InvalidAnswer,
    InvalidRanges,
    check_answer,
    point_at,
    record_answer,
    record_watched,
    reflective_questions,
    save_reflections,
    scenario_context,
)

MAX_ID = 2**63 - 1  # past a 64-bit integer nothing exists, and SQLite would raise rather than miss
MAX_BEACON_BYTES = 64 * 1024


def _live_scenario(page_id):
    if page_id > MAX_ID:
        raise Http404
    return get_object_or_404(ScenarioPage.objects.live().public(), pk=page_id)


def _wants_json(request):
    return (
        "application/json" in request.headers.get("Accept", "") or request.content_type == "application/json"
    )


def _bad_request(request, message, page):
    if _wants_json(request):
        return JsonResponse({"error": message}, status=400)
    context = {"message": message, "back": page.url}
    return render(request, "training/includes/problem_page.html", context, status=400)


def _reject_constant(name):
    raise ValueError(f"{name} is not a number")


def _ranges_from(request):
    """The ranges a beacon sent: a JSON body {"ranges": [[start, end], ...]} (or the bare
    list), or a form field `ranges` holding that list as JSON (navigator.sendBeacon)."""
    text = request.body if request.content_type == "application/json" else request.POST.get("ranges")
    if text is None:
        raise InvalidRanges("Send the ranges watched, as [[start, end], ...] in seconds.")
    if len(text) > MAX_BEACON_BYTES:
        raise InvalidRanges("That beacon is too large.")
    try:
        # ValueError covers bad JSON, NaN / Infinity and bytes that are not UTF-8;
        # RecursionError, JSON nested thousands deep.
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        raise InvalidRanges("Ranges must be JSON: [[start, end], ...] in seconds.") from error
    if isinstance(data, dict):
        data = data.get("ranges")
    return data


@require_POST
def watch(request, page_id):
    """A beacon from the player: the ranges played so far in this viewing."""
    page = _live_scenario(page_id)
    if not request.user.is_authenticated:
        return HttpResponse(status=204)  # anonymous: nothing is kept
    try:
        ranges = _ranges_from(request)
        result = record_watched(request.user, page, ranges)
    except InvalidRanges as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(
        {
            "coverage": round(result.coverage, 4),
            "percent": int(result.coverage * 100),
            "watchedToEnd": result.watched_to_end,
        }
    )


def _page_anchor_url(page, anchor, **query):
    return page.url + (f"?{urlencode(query)}" if query else "") + f"#{anchor}"


@require_POST
def answer(request, page_id, point):
    """An answer at a decision point: `option` (its position, from 0).

    With the script (Accept: application/json): the option's commentary as JSON. Without:
    back to the page at the decision point, which then shows the commentary; for an
    anonymous visitor the choice rides in the query string, so nothing is kept."""
    page = _live_scenario(page_id)
    try:
        decision = point_at(page, point)
    except InvalidAnswer as error:
        return _bad_request(request, str(error), page)
    raw = request.POST.get("option", "").strip()
    if not raw:
        if _wants_json(request):
            return _bad_request(request, "Select what you would do.", page)
        return HttpResponseRedirect(_page_anchor_url(page, decision.anchor, decision=point, error="choose"))
    try:
        option = int(raw)
        check_answer(page, point, option)
    except (ValueError, InvalidAnswer):
        return _bad_request(request, f"Decision point {decision.number} has no such option.", page)
    decision, chosen, recorded = record_answer(request.user, page, point, option)
    if _wants_json(request):
        return JsonResponse(
            {
                "point": decision.index,
                "number": decision.number,
                "option": chosen.index,
                "label": chosen.label,
                "commentary": chosen.commentary,
                "recorded": recorded,
            }
        )
    if recorded:
        return HttpResponseRedirect(_page_anchor_url(page, decision.anchor))
    return HttpResponseRedirect(_page_anchor_url(page, decision.anchor, decision=point, option=option))


@require_http_methods(["GET", "POST"])
def reflections(request, page_id):
    """A person's own reflections on one scenario, and the form to add to them."""
    page = _live_scenario(page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(page.url + "#reflection" if request.method == "POST" else request.path)
    questions = reflective_questions(page)
    form = ReflectionForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST":
        if form.is_valid():
            save_reflections(request.user, page, form.answers())
            messages.success(request, "Your reflection has been saved. Only you can see it.")
            return HttpResponseRedirect(page.url + "#reflection")
    context = scenario_context(page, request, reflection_form=form)
    context.update({"page": page, "warning": REAL_CASE_WARNING})
    status = 400 if request.method == "POST" else 200
    return render(request, "training/includes/reflections_page.html", context, status=status)


@require_http_methods(["GET", "POST"])
def delete_reflection(request, pk):
    """Delete one of your own reflections (GET asks to confirm). Anyone else's is a 404.

    The page need not be live: people can always delete what they wrote."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    if pk > MAX_ID:
        raise Http404
    reflection = get_object_or_404(Reflection.objects.select_related("page"), pk=pk, user=request.user)
    page = reflection.page
    back = page.url + "#reflection" if page.live and page.url else "/"
    if request.method == "POST":
        reflection.delete()
        messages.success(request, "Your reflection has been deleted.")
        # "My learning" lists reflections too, and sends its own page as `next`.
        next_path = request.POST.get("next", "")
        if next_path.startswith("/") and url_has_allowed_host_and_scheme(next_path, allowed_hosts=None):
            back = next_path
        return HttpResponseRedirect(back)
    return render(
        request,
        "training/includes/delete_reflection_page.html",
        {"reflection": reflection, "scenario": page, "back": back},
    )
