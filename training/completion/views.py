"""A practitioner's own learning (mounted at /my-learning/): what they have in progress and
completed, upcoming bookings, refreshers due, a progress bar per programme, confidence
checks to answer, certificates and their own scenario reflections; a CSV of it all; and
the actions the programme page offers (start a programme, start a refresher, mark a
shadowing placement done).

Everyone sees only their own record: every query here is filtered by ``request.user``,
and nothing takes a person's id from the URL. Reflections are private to their author
and are shown nowhere else. Actions are POST only (CSRF checked by Django's middleware)
and end in a redirect with a message (post/redirect/get); GET on them is a 405.

``programme_page_context`` is what the programme page shows a person about their own
progress (``InductionProgrammePage.get_context`` adds it as ``completion``).
"""

import csv
from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST, require_safe

from cms.core.exports import neutralise_formula

from ..booking import presenters
from ..choices import BookingStatus, ModuleState, SessionStatus
from ..models import Booking, Certificate, Enrolment, InductionProgrammePage, Reflection
from . import progress
from .confidence import pending_checks
from .forms import ReturnForm

MAX_ID = 2**63 - 1  # past a 64-bit integer nothing exists (and SQLite would raise rather than miss)
CSV_HEADINGS = ["Kind", "Title", "State", "Started", "Completed"]
PROGRAMME_KIND = progress.ITEM_KINDS["training.inductionprogrammepage"]


def _sign_in_url(next_path):
    return f"{reverse('account_login')}?{urlencode({'next': next_path})}"


def _programme_or_404(programme_id, queryset=None):
    if programme_id > MAX_ID:
        raise Http404
    queryset = InductionProgrammePage.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset, pk=programme_id)


def _default_return(request, programme):
    if programme.live:
        url = programme.get_url(request)
        if url:
            return url
    return reverse("my_learning:index")


def _back(request, programme):
    return HttpResponseRedirect(ReturnForm(request.POST).return_path(_default_return(request, programme)))


# -- My learning ----------------------------------------------------------------------------------


def _learning(request):
    """Progress in each enrolled programme and the state of every item, from one read of
    the person's events. A completion the signal missed (it logs and carries on when it
    fails) is recorded here, so the page never shows a finished programme as unfinished."""
    user = request.user
    events = progress.user_events(user)
    enrolments = list(
        Enrolment.objects.filter(user=user).select_related("programme").order_by("programme__title", "pk")
    )
    programmes = progress.progress_for(user, enrolments, request=request, events=events)
    if any(entry.requirements_met and not entry.complete for entry in programmes):
        progress.evaluate(user)
        events = progress.user_events(user)
        enrolments = list(
            Enrolment.objects.filter(user=user).select_related("programme").order_by("programme__title", "pk")
        )
        programmes = progress.progress_for(user, enrolments, request=request, events=events)
    items = progress.item_states(user, events=events, enrolments=enrolments, request=request)
    return programmes, items


def _upcoming_bookings(user):
    rows = (
        Booking.objects.filter(
            user=user,
            status__in=[BookingStatus.CONFIRMED, BookingStatus.WAITLISTED],
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gt=timezone.now(),
        )
        .select_related("session", "session__venue")
        .order_by("session__starts_at", "pk")
    )
    return [
        {
            "session": booking.session,
            "when": presenters.range_words(booking.session.starts_at, booking.session.ends_at),
            "status": BookingStatus(booking.status).label,
            "confirmed": booking.status == BookingStatus.CONFIRMED,
        }
        for booking in rows
    ]


def _reflections(request):
    """The person's own reflections, grouped by scenario, newest scenario first."""
    groups = OrderedDict()
    for reflection in (
        Reflection.objects.filter(user=request.user).select_related("page").order_by("-created_at", "-pk")
    ):
        page = reflection.page
        if page.pk not in groups:
            url = page.get_url(request) if page.live else ""
            groups[page.pk] = {"page": page, "url": url, "reflections": []}
        groups[page.pk]["reflections"].append(reflection)
    return list(groups.values())


def _certificates(user):
    now = timezone.now()
    return [
        {
            "certificate": certificate,
            "revoked": certificate.revoked_at is not None,
            "expired": certificate.expires_at is not None and certificate.expires_at <= now,
        }
        for certificate in Certificate.objects.filter(user=user).order_by("-completed_at", "-pk")
    ]


@login_required
@require_safe
def my_learning(request):
    programmes, items = _learning(request)
    context = {
        "programmes": programmes,
        # Programmes under way have their own progress bars above; completed ones are listed.
        "in_progress": [
            item for item in items if item.state == ModuleState.IN_PROGRESS and item.kind != PROGRAMME_KIND
        ],
        "completed": [item for item in items if item.state == ModuleState.COMPLETED],
        "upcoming": _upcoming_bookings(request.user),
        "refreshers": [entry for entry in programmes if entry.complete and entry.refresher_available],
        "confidence_checks": pending_checks(request.user),
        "certificates": _certificates(request.user),
        "reflection_groups": _reflections(request),
        "return_path": request.path,
    }
    response = render(request, "training/my_learning/index.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _csv_date(moment):
    return timezone.localtime(moment).date().isoformat() if moment else ""


@login_required
@require_safe
def export_csv(request):
    """The person's items as CSV: kind, title, state, started, completed (dates as YYYY-MM-DD).

    Titles are typed by editors and champions, so every cell goes through
    ``neutralise_formula``: a spreadsheet never runs one as a formula."""
    _, items = _learning(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-learning.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow([neutralise_formula(heading) for heading in CSV_HEADINGS])
    for item in items:
        row = [
            item.kind,
            item.title,
            item.state_label,
            _csv_date(item.started_at),
            _csv_date(item.completed_at),
        ]
        writer.writerow([neutralise_formula(value) for value in row])
    return response


# -- actions --------------------------------------------------------------------------------------


@require_POST
def enrol(request, programme_id):
    """Start a programme (idempotent: starting it again says so and changes nothing)."""
    programme = _programme_or_404(programme_id, InductionProgrammePage.objects.live().public())
    if not request.user.is_authenticated:
        return redirect_to_login(_default_return(request, programme))
    enrolment, created = progress.enrol(request.user, programme)
    if not created:
        messages.info(request, f"You have already started {programme.title}.")
    elif enrolment.completed_at is not None:
        messages.success(
            request,
            f"You have started {programme.title}, and you have already done everything it needs: "
            "it is complete. Your certificate is on My learning.",
        )
    else:
        messages.success(request, f"You have started {programme.title}. Your progress is on My learning.")
    return _back(request, programme)


@require_POST
def start_refresher(request, programme_id):
    programme = _programme_or_404(programme_id)
    if not request.user.is_authenticated:
        return redirect_to_login(_default_return(request, programme))
    try:
        progress.start_refresher(request.user, programme)
    except progress.RefresherNotAvailable as error:
        messages.error(request, error.message)
        return _back(request, programme)
    messages.success(
        request,
        f"You have started the refresher of {programme.title}. "
        "The modules you take from today count towards it.",
    )
    return _back(request, programme)


@require_POST
def mark_module_done(request, programme_id, module_id):
    """Mark a shadowing placement done. Any other module is recorded as it is taken."""
    programme = _programme_or_404(programme_id)
    if not request.user.is_authenticated:
        return redirect_to_login(_default_return(request, programme))
    if progress.find_module(programme, module_id) is None:
        raise Http404
    try:
        event, after = progress.mark_module_done(request.user, programme, module_id)
    except progress.CompletionError as error:
        messages.error(request, error.message)
        return _back(request, programme)
    module = next(module for module in after.modules if module.id == module_id)
    if event is None:
        messages.info(request, f"You have already marked {module.title} as done.")
    elif after.complete:
        messages.success(
            request,
            f"You marked {module.title} as done, and you have completed {programme.title}. "
            "Your certificate is on My learning.",
        )
    else:
        messages.success(request, f"You marked {module.title} as done.")
    return _back(request, programme)


# -- the programme page ---------------------------------------------------------------------------


def programme_page_context(page, request):
    """What the programme page shows about the person's own progress, under one key.

    Everyone gets the modules (as ``presenters.programme_modules`` gives them, with
    whether each is required); a signed-in person also gets each module's state, their
    progress, and what they can do next (start, continue, mark a placement done, start a
    refresher). A fixed number of queries, whatever the number of modules."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    modules = presenters.programme_modules(page, request)
    required = {spec["id"]: spec["required"] for spec in progress.module_specs(page)}
    for module in modules:
        module["required"] = required.get(str(module["id"]), True)
    context = {
        "signed_in": signed_in,
        "modules": modules,
        "sign_in_url": _sign_in_url(request.get_full_path() if request is not None else page.url or "/"),
    }
    if not signed_in:
        return context
    entry = progress.programme_progress(user, page, request=request)
    states = {module.id: module for module in entry.modules}
    enrolled = entry.enrolment is not None
    for module in modules:
        state = states.get(str(module["id"]))
        module["progress"] = state
        module["can_mark_done"] = (
            enrolled and state is not None and module["kind"] == "shadowing" and not state.completed
        )
    context.update(
        progress=entry,
        enrolled=enrolled,
        next_module=entry.next_module if enrolled and not entry.complete else None,
        return_path=request.path,
    )
    return context
