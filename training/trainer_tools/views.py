"""The trainers' views: the session viewset's own create / edit / delete views, and the
pages of one session (bookings, register, CSV, message, cancel) and the report.

Every view checks the model permission first (``change_session`` for anything that acts,
``view_session`` for reading); anyone else gets Wagtail's permission-denied answer. Changes
are POST only (Django's CSRF check). Bookings, attendance and emails are changed only by
``training.booking.service`` and ``training.booking.notifications``.
"""

from django.contrib.admin.utils import quote
from django.db.models import Count, ProtectedError, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from ..booking import notifications, service
from ..booking.service import BookingError
from ..choices import BookingStatus
from ..models import Session
from . import exports
from .forms import ATTENDEE_FIELDS, MIX_FIELDS, CancelSessionForm, DateRangeForm, MessageForm, RegisterForm
from .queries import (
    agency_mix,
    attendance_counts,
    confirmed_bookings,
    non_attendance,
    other_bookings,
    waitlist,
)

NAMESPACE = "training_sessions"


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


def may(user, action, model="session"):
    return user.has_perm(f"training.{action}_{model}")


def may_open(user, session):
    """Whether ``user`` may open ``session``'s bookings, register, export and messages: a
    Trainer sees the attendees of their own sessions only (``created_by``, set when a
    session is added in the admin). A session nobody added here (an import, a data
    migration) belongs to the whole training team; superusers see every session."""
    return user.is_superuser or session.created_by_id is None or session.created_by_id == user.pk


def session_tools(user, session):
    """(label, url name, icon) of the pages a user may open for ``session``, in order."""
    tools = []
    if not may_open(user, session):
        return tools
    if may(user, "view"):
        tools.append(("Bookings and waiting list", "bookings", "group"))
    if may(user, "change") and not session.is_cancelled:
        tools.append(("Take the register", "register", "tasks"))
    if may(user, "view"):
        tools.append(("Download bookings (CSV)", "export", "download"))
    if may(user, "change") and not session.is_cancelled:
        tools.append(("Message booked attendees", "message", "mail"))
        if session.starts_at > timezone.now():
            tools.append(("Cancel session", "cancel", "cross"))
    return tools


# --- The viewset's own views -------------------------------------------------------------


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("programme", "venue")
            .annotate(waitlist_count=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITLISTED)))
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, name, icon) in enumerate(session_tools(self.request.user, instance), start=11):
            buttons.append(MenuItem(label, url(name, quote(instance.pk)), icon_name=icon, priority=priority))
        return buttons


class SessionCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        return url("bookings", quote(self.object.pk))


class _Refused(Exception):
    """The booking service refused part of a save: shown on ``field`` (or the form)."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


class SessionEditView(generic.EditView):
    """Saves the form's own fields, then asks the booking service for the rest: a new
    capacity (which may promote from the waiting list), telling attendees of a new time or
    venue, and promoting when the mix rule was relaxed. All in one transaction: if the
    service refuses, nothing is saved."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.object.is_cancelled:
            messages.warning(
                request,
                "This session has been cancelled, so it can no longer be changed. "
                "Add a new session if it is to run after all.",
            )
        return response

    def save_instance(self):
        before = Session.objects.get(pk=self.object.pk)
        capacity = self.form.cleaned_data["capacity"]
        session = super().save_instance()
        pk = session.pk
        try:
            if capacity != before.capacity:
                service.change_capacity(pk, capacity)
        except BookingError as error:
            raise _Refused("capacity", error.message) from error
        try:
            if any(getattr(before, name) != getattr(session, name) for name in ATTENDEE_FIELDS):
                service.session_changed(pk)
            if any(getattr(before, name) != getattr(session, name) for name in MIX_FIELDS):
                service.promote_waitlist(pk)
        except BookingError as error:
            raise _Refused(None, error.message) from error
        session.refresh_from_db()
        return session

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except _Refused as refusal:
            # Everything was rolled back: show the session as it is, the form as posted.
            self.object = Session.objects.get(pk=self.object.pk)
            form.add_error(refusal.field, refusal.message)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for priority, (label, name, icon) in enumerate(
            session_tools(self.request.user, self.object), start=1
        ):
            buttons.append(
                Button(label, url=url(name, quote(self.object.pk)), icon_name=icon, priority=priority)
            )
        return buttons


class _RefuseDeleteMixin:
    """Deleting something others depend on (``on_delete=PROTECT``) explains why not, never a 500."""

    refused_template = "training/trainer/delete_refused.html"

    def refusal(self):
        """A message if this object may not be deleted, else None."""
        raise NotImplementedError

    def refuse(self, message):
        context = self.get_context_data()
        context.update(self.refusal_context(message))
        return TemplateResponse(self.request, self.refused_template, context)

    def refusal_context(self, message):
        return {"refusal": message}

    def get(self, request, *args, **kwargs):
        message = self.refusal()
        if message:
            return self.refuse(message)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        message = self.refusal()
        if message:
            return self.refuse(message)
        try:
            return super().post(request, *args, **kwargs)
        except ProtectedError:  # something came to depend on it since the check
            return self.refuse(
                self.refusal() or "It is in use, so it cannot be deleted. Nothing has been deleted."
            )


class SessionDeleteView(_RefuseDeleteMixin, generic.DeleteView):
    def refusal(self):
        count = self.object.bookings.count()
        if not count:
            return None
        people = "1 person has" if count == 1 else f"{count} people have"
        return (
            f"This session cannot be deleted: {people} booked it or joined its waiting list, "
            "and their bookings and attendance are kept. Nothing has been deleted. "
            "To call it off, cancel the session instead: everyone booked is told by email."
        )

    def refusal_context(self, message):
        context = {"refusal": message}
        if not self.object.is_cancelled and may(self.request.user, "change"):
            context["cancel_url"] = url("cancel", quote(self.object.pk))
            context["cancel_label"] = "Cancel session"
        context["back_url"] = url("bookings", quote(self.object.pk))
        context["back_label"] = "Back to the session's bookings"
        return context


class VenueDeleteView(_RefuseDeleteMixin, generic.DeleteView):
    def refusal(self):
        count = self.object.sessions.count()
        if not count:
            return None
        sessions = "1 session is" if count == 1 else f"{count} sessions are"
        return (
            f"This venue cannot be deleted: {sessions} held there, including past and cancelled ones. "
            "Nothing has been deleted. Move upcoming sessions to another venue first; "
            "past sessions keep theirs."
        )

    def refusal_context(self, message):
        return {
            "refusal": message,
            "back_url": reverse("training_venues:edit", args=[quote(self.object.pk)]),
            "back_label": "Back to the venue",
        }


# --- The pages of one session --------------------------------------------------------------


class SessionPermissionMixin:
    """Checks the permission before anything else, then finds the session."""

    permission = "view"

    def dispatch(self, request, *args, **kwargs):
        if not may(request.user, self.permission):
            return permission_denied(request)
        self.session = get_object_or_404(
            Session.objects.select_related("venue", "programme"), pk=kwargs["pk"]
        )
        if not may_open(request.user, self.session):
            # Another trainer's session: as if it did not exist (reveals nothing about it).
            raise Http404("No such session.")
        return super().dispatch(request, *args, **kwargs)

    def refuse_if_cancelled(self):
        if self.session.is_cancelled:
            messages.error(self.request, "This session has been cancelled, so that is no longer possible.")
            return redirect(url("bookings", self.session.pk))
        return None


class SessionAdminPage(SessionPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "date"
    page_title = ""

    def get_page_subtitle(self):
        return self.session.title

    def get_breadcrumbs_items(self):
        session_url = url("edit", self.session.pk) if may(self.request.user, "change") else ""
        return self.breadcrumbs_items + [
            {"url": url("index"), "label": "Sessions"},
            {"url": session_url, "label": str(self.session)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session"] = self.session
        context["tools"] = [
            (label, url(name, self.session.pk), name == self.tool_name)
            for label, name, _icon in session_tools(self.request.user, self.session)
        ]
        context["can_change"] = may(self.request.user, "change")
        return context

    tool_name = ""


class BookingsView(SessionAdminPage):
    """Confirmed places and the waiting list in order, with access needs (only here) and
    the agency mix at a glance."""

    page_title = "Bookings"
    tool_name = "bookings"
    template_name = "training/trainer/bookings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        confirmed = list(confirmed_bookings(self.session))
        queue = list(waitlist(self.session))
        context.update(
            confirmed=confirmed,
            waitlist=queue,
            others=list(other_bookings(self.session)),
            mix=agency_mix(self.session, confirmed, queue),
            promote_url=url("promote", self.session.pk),
            can_promote=(
                may(self.request.user, "change")
                and not self.session.is_cancelled
                and self.session.starts_at > timezone.now()
            ),
        )
        return context


class PromoteView(SessionPermissionMixin, View):
    """Offer free places to the waiting list now (the mix rule still applies)."""

    permission = "change"
    http_method_names = ["post"]

    def post(self, request, pk):
        if refused := self.refuse_if_cancelled():
            return refused
        try:
            promoted = service.promote_waitlist(self.session.pk)
        except BookingError as error:
            messages.error(request, error.message)
            return redirect(url("bookings", self.session.pk))
        if promoted:
            people = "1 person" if len(promoted) == 1 else f"{len(promoted)} people"
            messages.success(
                request,
                f"{people} from the waiting list {'was' if len(promoted) == 1 else 'were'} given a "
                "place and told by email.",
            )
        else:
            self.session.refresh_from_db()
            if self.session.starts_at <= timezone.now():
                why = "the session has already started."
            elif not self.session.bookings.waitlist().exists():
                why = "nobody is on the waiting list."
            elif self.session.confirmed_count >= self.session.capacity:
                why = "the session is full. Raise the number of places to make room."
            else:
                why = (
                    "the free places are held for agencies not yet booked, or the people waiting are from "
                    "agencies that already have their share. Places open to anyone after the release date."
                )
            messages.warning(request, f"Nobody was given a place: {why}")
        return redirect(url("bookings", self.session.pk))


class RegisterView(SessionPermissionMixin, TemplateView):
    """The register on the day, in the site's GOV.UK layout so it works on a phone: each
    person a fieldset of three radios; saving marks each change through the service."""

    permission = "change"
    template_name = "training/trainer/register.html"

    def get_bookings(self):
        return list(confirmed_bookings(self.session))

    def get(self, request, pk):
        if refused := self.refuse_if_cancelled():
            return refused
        return self.render(RegisterForm(bookings=self.get_bookings()))

    def can_mark(self):
        """The register opens on the day of the session (the booking service says the same)."""
        return timezone.localdate() >= timezone.localdate(self.session.starts_at)

    def post(self, request, pk):
        if refused := self.refuse_if_cancelled():
            return refused
        if not self.can_mark():
            messages.error(
                request, "Nothing was saved: the register can be marked from the day of the session."
            )
            return redirect(url("register", self.session.pk))
        form = RegisterForm(request.POST, bookings=self.get_bookings())
        if not form.is_valid():
            return self.render(form, status=400)
        failed = False
        for booking, attendance in form.marks():
            try:
                service.mark_attendance(booking.pk, attendance, by=request.user)
            except BookingError as error:
                form.add_error(form.field_name(booking), error.message)
                failed = True
        bookings = self.get_bookings()
        counts = attendance_counts(bookings)
        summary = (
            f"{counts['attended']} attended, {counts['absent']} absent, "
            f"{counts['late']} late cancellation{'' if counts['late'] == 1 else 's'}, "
            f"{counts['unmarked']} not marked yet."
        )
        if failed:
            return self.render(form, status=400, summary=summary, bookings=bookings)
        messages.success(request, f"Register saved: {summary}")
        return redirect(url("register", self.session.pk))

    def render(self, form, status=200, summary="", bookings=None):
        """The page; ``bookings`` as they are now, if marks were saved since the form was made."""
        bookings = form.bookings if bookings is None else bookings
        context = {
            "session": self.session,
            "form": form,
            "rows": form.rows(),
            "counts": attendance_counts(bookings),
            "saved_summary": summary,
            "non_attendance": non_attendance(session=self.session),
            "bookings_url": url("bookings", self.session.pk),
            "can_mark": self.can_mark(),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)


class ExportView(SessionPermissionMixin, View):
    permission = "view"
    http_method_names = ["get"]

    def get(self, request, pk):
        return exports.bookings_csv(self.session)


class MessageView(SessionAdminPage):
    """Email everyone with a confirmed place (waiting list not included)."""

    permission = "change"
    page_title = "Message booked attendees"
    tool_name = "message"
    template_name = "training/trainer/message.html"

    def confirmed_ids(self):
        return list(self.session.bookings.confirmed().order_by("pk").values_list("pk", flat=True))

    def get(self, request, pk):
        if refused := self.refuse_if_cancelled():
            return refused
        return self.render_to_response(self.get_context_data(form=MessageForm()))

    def post(self, request, pk):
        if refused := self.refuse_if_cancelled():
            return refused
        form = MessageForm(request.POST)
        ids = self.confirmed_ids()
        if form.is_valid() and not ids:
            form.add_error(
                None, "Nobody has a confirmed place on this session yet, so there is nobody to message."
            )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        notifications.notify(notifications.Notice.MESSAGE, ids, message=form.cleaned_data["message"])
        people = "1 person" if len(ids) == 1 else f"{len(ids)} people"
        messages.success(
            request, f"Your message is being sent by email to the {people} with a confirmed place."
        )
        return redirect(url("bookings", self.session.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recipients"] = self.session.bookings.confirmed().count()
        return context


class CancelSessionView(SessionAdminPage):
    """Cancel the session with a reason; the service tells everyone booked or waiting."""

    permission = "change"
    page_title = "Cancel session"
    tool_name = "cancel"
    template_name = "training/trainer/cancel.html"

    def get(self, request, pk):
        if refused := self.refuse_if_cancelled():
            return refused
        if self.session.starts_at <= timezone.now():
            messages.error(request, "This session has already started, so it can no longer be cancelled.")
            return redirect(url("bookings", self.session.pk))
        return self.render_to_response(self.get_context_data(form=CancelSessionForm()))

    def post(self, request, pk):
        if refused := self.refuse_if_cancelled():
            return refused
        form = CancelSessionForm(request.POST)
        if form.is_valid():
            try:
                told = service.cancel_session(self.session.pk, form.cleaned_data["reason"], by=request.user)
            except BookingError as error:
                form.add_error(None, error.message)
            else:
                people = "1 person was" if told == 1 else f"{told} people were"
                messages.success(request, f"“{self.session.title}” is cancelled. {people} told by email.")
                return redirect(url("bookings", self.session.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bookings = self.session.bookings
        context["confirmed_count"] = bookings.confirmed().count()
        context["waiting_count"] = bookings.waitlist().count()
        return context


class NonAttendanceReportView(WagtailAdminTemplateMixin, TemplateView):
    """Absences and late cancellations per home agency, across sessions, for charging."""

    page_title = "Non-attendance by agency"
    header_icon = "warning"
    template_name = "training/trainer/non_attendance.html"

    def dispatch(self, request, *args, **kwargs):
        if not may(request.user, "view"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": url("index"), "label": "Sessions"},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request):
        form = DateRangeForm(request.GET or None)
        start = end = None
        if form.is_bound and form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        elif form.is_bound:
            return self.render_to_response(self.get_context_data(form=form, rows=None), status=400)
        rows = non_attendance(start=start, end=end)
        if request.GET.get("export") == "csv":
            return exports.non_attendance_csv(rows, start, end)
        query = request.GET.copy()
        query["export"] = "csv"
        return self.render_to_response(
            self.get_context_data(
                form=form,
                rows=rows,
                start=start,
                end=end,
                totals={
                    "absent": sum(row.absent for row in rows),
                    "late": sum(row.late for row in rows),
                    "total": sum(row.total for row in rows),
                },
                export_url=f"{url('non_attendance')}?{query.urlencode()}",
            )
        )
