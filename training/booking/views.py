"""A practitioner's side of in-person sessions (mounted at /sessions/).

Anyone may browse upcoming sessions and read a session's page; booking, cancelling,
giving a place away, the calendar file and "My bookings" need a signed-in person.
Nothing here changes a booking itself: every change goes through ``service`` (which
locks the session and applies the agency-mix rule) and its ``BookingError`` message is
shown as it is, with nothing changed. Changes are POST only (CSRF checked by Django's
middleware) and end in a redirect to the session's page with a message (post/redirect/get).

A session is public while its programme page is live and public; otherwise it is a 404,
except to people who may manage sessions (Trainers), who can check it before publishing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cms.core.pagination import govuk_pagination

from ..choices import Attendance, BookingStatus
from ..models import Booking, InductionProgrammePage, Session
from . import presenters, service
from .forms import BookForm, GivePlaceForm

PAGE_SIZE = 20
MAX_ID = 2**63 - 1  # past a 64-bit integer nothing exists (and SQLite would raise rather than miss)
MANAGE_PERMISSION = "training.change_session"
# service.give_place's errors about the address given, shown beside the field.
EMAIL_ERRORS = {"no-email", "self", "no-colleague", "colleague-booked"}


def public_sessions():
    """Sessions whose programme page is live and public."""
    return Session.objects.filter(programme__in=InductionProgrammePage.objects.live().public().values("pk"))


def _session_or_404(request, pk):
    if pk > MAX_ID:
        raise Http404
    sessions = Session.objects if request.user.has_perm(MANAGE_PERMISSION) else public_sessions()
    return get_object_or_404(sessions.select_related("venue", "programme"), pk=pk)


def _sign_in_url(next_path):
    return f"{reverse('account_login')}?{urlencode({'next': next_path})}"


def _booking_state(session, now):
    """Where the session is in its life, for what the page offers."""
    if session.is_cancelled:
        return "cancelled"
    if session.starts_at <= now:
        return "started"
    if now < session.booking_opens_at:
        return "not-open"
    if now >= session.booking_closes_at:
        return "closed"
    return "open"


@require_safe
def session_list(request):
    """Upcoming sessions across programmes, soonest first."""
    sessions = public_sessions().upcoming().select_related("venue", "programme")
    page_obj = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    summaries = presenters.summarise(page_obj.object_list, request.user)
    context = {
        "page_obj": page_obj,
        "summaries": summaries,
        "pagination": govuk_pagination(page_obj, lambda number: f"?{urlencode({'page': number})}"),
        "programme_index": _programme_index(),
    }
    return render(request, "training/sessions/list.html", context)


def _programme_index():
    from ..models import ProgrammeIndexPage

    return ProgrammeIndexPage.objects.live().public().first()


def _detail_context(request, session, form=None):
    now = timezone.now()
    user = request.user
    summary = presenters.summary_of(session, user)
    booking = summary.booking
    state = _booking_state(session, now)
    agency = getattr(user, "agency", None) if user.is_authenticated else None
    active = booking is not None and booking.status in (BookingStatus.CONFIRMED, BookingStatus.WAITLISTED)
    can_book = user.is_authenticated and agency is not None and not active and state == "open"
    refusal = summary.refusal_for(agency.pk, now) if can_book else None
    return {
        "session": session,
        "programme": session.programme,
        "summary": summary,
        "booking": booking,
        "waitlist_position": presenters.waitlist_position(booking),
        "state": state,
        "agency": agency,
        "can_book": can_book,
        "refusal": refusal,
        "form": form or BookForm(),
        "before_cutoff": now < session.cancellation_cutoff_at,
        "upcoming": session.starts_at > now,
        "opens_words": presenters.datetime_words(session.booking_opens_at),
        "closes_words": presenters.datetime_words(session.booking_closes_at),
        "cutoff_words": presenters.datetime_words(session.cancellation_cutoff_at),
        "sign_in_url": _sign_in_url(session.get_absolute_url()),
    }


@require_safe
def detail(request, pk):
    session = _session_or_404(request, pk)
    return render(request, "training/sessions/detail.html", _detail_context(request, session))


def _outcome_message(request, session, outcome):
    """The message after a booking request, by what happened."""
    if outcome.result == "confirmed":
        messages.success(
            request,
            f"Your place on {session.title} is confirmed. "
            "We have emailed you the details and a calendar invitation.",
        )
    elif outcome.result == "already-confirmed":
        messages.info(request, "You already have a place on this session.")
    else:
        position = presenters.waitlist_position(outcome.booking)
        where = f" at position {position}" if position else ""
        reason = f" {outcome.reason}" if outcome.reason else ""
        if outcome.result == "already-waitlisted":
            lead = f"You are already on the waiting list for this session{where}."
        else:
            lead = f"You are on the waiting list for this session{where}.{reason}"
        messages.info(
            request,
            f"{lead} If a place comes up for you, it will be given to you automatically "
            "and we will email you.",
        )


@require_POST
def book(request, pk):
    session = _session_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(session.get_absolute_url())
    form = BookForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, session, form=form)
        return render(request, "training/sessions/detail.html", context, status=400)
    try:
        outcome = service.book(session.pk, request.user, access_needs=form.cleaned_data["access_needs"])
    except service.BookingError as error:
        messages.error(request, error.message)
    else:
        _outcome_message(request, session, outcome)
    return redirect(session)


@require_POST
def cancel(request, pk):
    session = _session_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(session.get_absolute_url())
    was = Booking.objects.filter(session=session, user=request.user).values_list("status", flat=True).first()
    try:
        service.cancel(session.pk, request.user)
    except service.BookingError as error:
        messages.error(request, error.message)
    else:
        if was == BookingStatus.WAITLISTED:
            messages.success(request, f"You have left the waiting list for {session.title}.")
        else:
            messages.success(
                request,
                f"Your place on {session.title} is cancelled. We have emailed you to confirm it. "
                "You can book again while places are open.",
            )
    return redirect(session)


@login_required
@require_http_methods(["GET", "POST"])
def give_place(request, pk):
    """Let a colleague from the same agency take the person's confirmed place."""
    session = _session_or_404(request, pk)
    user = request.user
    booking = Booking.objects.filter(session=session, user=user).first()
    if request.method == "GET" and (booking is None or booking.status != BookingStatus.CONFIRMED):
        messages.info(request, "You do not have a place on this session to give to a colleague.")
        return redirect(session)
    agency_name = user.agency.name if user.agency_id else ""
    form = GivePlaceForm(request.POST or None, user=user, agency_name=agency_name)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["colleague_email"]
        try:
            service.give_place(session.pk, user, email)
        except service.BookingError as error:
            form.add_error("colleague_email" if error.code in EMAIL_ERRORS else None, error.message)
        else:
            messages.success(
                request,
                f"Your place on {session.title} is now {email}'s. We have emailed you both; "
                "your colleague's email has the calendar invitation.",
            )
            return redirect(session)
    when = presenters.range_words(session.starts_at, session.ends_at)
    context = {"session": session, "form": form, "when": when}
    return render(request, "training/sessions/give_place.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def calendar_file(request, pk):
    """The person's own booking on this session as a calendar file (404 for anyone else)."""
    from .calendar import calendar_response

    session = _session_or_404(request, pk)
    booking = get_object_or_404(
        Booking.objects.select_related("user").exclude(status=BookingStatus.WAITLISTED),
        session=session,
        user=request.user,
    )
    return calendar_response(session, booking)


@login_required
@require_safe
def my_bookings(request):
    """The person's upcoming bookings (places and waiting lists) and past sessions with attendance."""
    now = timezone.now()
    bookings = presenters.with_waitlist_position(
        Booking.objects.filter(user=request.user)
        .select_related("session__venue", "session__programme")
        .order_by("session__starts_at", "session__pk")
    )
    upcoming, past = [], []
    for booking in bookings:
        session = booking.session
        if session.ends_at > now:
            if booking.status in (BookingStatus.CONFIRMED, BookingStatus.WAITLISTED) or (
                booking.status == BookingStatus.SESSION_CANCELLED
            ):
                upcoming.append(_booking_row(booking))
        elif booking.status == BookingStatus.CONFIRMED:
            past.append(_booking_row(booking))
    past.reverse()  # most recent first
    return render(request, "training/sessions/mine.html", {"upcoming": upcoming, "past": past})


def _booking_row(booking):
    session = booking.session
    position = presenters.waitlist_position(booking)
    if booking.status == BookingStatus.CONFIRMED:
        status = "Place confirmed"
    elif booking.status == BookingStatus.WAITLISTED:
        status = f"On the waiting list at position {position}"
    else:
        status = "Session cancelled by the trainer"
    attendance = Attendance(booking.attendance).label if booking.attendance else "Not marked yet"
    return {
        "booking": booking,
        "session": session,
        "when": presenters.range_words(session.starts_at, session.ends_at),
        "status": status,
        "confirmed": booking.status == BookingStatus.CONFIRMED,
        "waitlist_position": position,
        "attendance": attendance,
    }
