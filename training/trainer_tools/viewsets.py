"""The "Sessions" admin menu: sessions (with their trainer pages) and venues.

Who may do what follows the model permissions (migration 0003 gives Trainers add, change,
delete and view on sessions and venues; Editors and Champions have none): Wagtail's
generic views check them, and so does each trainer page (``views.py``).

URL names (namespace ``training_sessions``, under /admin/training/sessions/):
index, index_results, add, edit, delete, history, history_results, usage (Wagtail's), and
bookings, promote, register, export, message, cancel (each takes the session's ``pk``),
non_attendance (no parameters). Venues: namespace ``training_venues``.
"""

import django_filters
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from ..choices import SessionStatus
from ..models import InductionProgrammePage, Session, Venue
from . import views
from .forms import SessionAdminForm

SUBMENU_HOOK = "register_training_sessions_menu_item"


class SessionFilterSet(WagtailFilterSet):
    when = django_filters.ChoiceFilter(
        label="When",
        choices=[("upcoming", "Upcoming"), ("past", "Past"), ("cancelled", "Cancelled")],
        empty_label="All sessions",
        method="filter_when",
    )
    programme = django_filters.ModelChoiceFilter(
        label="Programme", queryset=InductionProgrammePage.objects.order_by("title")
    )
    venue = django_filters.ModelChoiceFilter(label="Venue", queryset=Venue.objects.all())

    class Meta:
        model = Session
        fields = []

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(status=SessionStatus.SCHEDULED, starts_at__gt=now)
        if value == "past":
            return queryset.filter(status=SessionStatus.SCHEDULED, starts_at__lte=now)
        if value == "cancelled":
            return queryset.filter(status=SessionStatus.CANCELLED)
        return queryset


def _starts(session):
    return date_format(timezone.localtime(session.starts_at), "D j M Y, H:i")


def _booked(session):
    return f"{session.confirmed_count} of {session.capacity}"


def _status(session):
    if session.is_cancelled:
        return "Cancelled"
    return "Past" if session.starts_at <= timezone.now() else "Upcoming"


class SessionViewSet(ModelViewSet):
    model = Session
    name = "training_sessions"
    url_prefix = "training/sessions"
    menu_label = "Sessions"
    icon = "date"
    add_to_admin_menu = False
    copy_view_enabled = False  # a copy would carry another session's calendar UID and counts
    index_view_class = views.SessionIndexView
    add_view_class = views.SessionCreateView
    edit_view_class = views.SessionEditView
    delete_view_class = views.SessionDeleteView
    ordering = "-starts_at"
    list_per_page = 30
    search_fields = ["title"]
    search_backend_name = None  # the database, by title
    filterset_class = SessionFilterSet
    list_display = [
        "title",
        Column("programme", label="Programme", accessor="programme.title"),
        Column("starts_at", label="Starts", accessor=_starts, sort_key="starts_at"),
        Column("venue", label="Venue", accessor="venue.name"),
        Column("booked", label="Booked", accessor=_booked, sort_key="confirmed_count"),
        Column("waitlist_count", label="Waiting list", sort_key="waitlist_count"),
        Column("status", label="Status", accessor=_status),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("programme"),
                    FieldPanel("title"),
                    FieldPanel("format"),
                    FieldPanel("description"),
                    FieldPanel("facilitator"),
                ],
                heading="Session",
            ),
            MultiFieldPanel(
                [FieldPanel("venue"), FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
                heading="Where and when",
                help_text="If the time or venue changes, attendees are emailed an updated invitation.",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("capacity"),
                    FieldRowPanel([FieldPanel("booking_opens_at"), FieldPanel("booking_closes_at")]),
                    FieldPanel("cancellation_cutoff_at"),
                ],
                heading="Places and booking",
            ),
            MultiFieldPanel(
                [FieldPanel("max_agency_share"), FieldPanel("min_agencies"), FieldPanel("mix_release_at")],
                heading="Agency mix",
                help_text="Keeps every room multi-agency. It applies to bookings and to the waiting list.",
            ),
        ],
        base_form_class=SessionAdminForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("bookings/<int:pk>/", views.BookingsView.as_view(), name="bookings"),
            path("promote/<int:pk>/", views.PromoteView.as_view(), name="promote"),
            path("register/<int:pk>/", views.RegisterView.as_view(), name="register"),
            path("export/<int:pk>/", views.ExportView.as_view(), name="export"),
            path("message/<int:pk>/", views.MessageView.as_view(), name="message"),
            path("cancel/<int:pk>/", views.CancelSessionView.as_view(), name="cancel"),
            path("non-attendance/", views.NonAttendanceReportView.as_view(), name="non_attendance"),
        ]


def _session_count(venue):
    return venue.sessions.count()


class VenueViewSet(ModelViewSet):
    model = Venue
    name = "training_venues"
    url_prefix = "training/venues"
    menu_label = "Venues"
    icon = "site"
    add_to_admin_menu = False
    delete_view_class = views.VenueDeleteView
    ordering = "name"
    search_fields = ["name", "address"]
    search_backend_name = None
    form_fields = ["name", "address", "accessibility"]
    list_display = ["name", "address", Column("sessions", label="Sessions", accessor=_session_count)]


class SessionsMenu(ViewSetGroup):
    menu_label = "Sessions"
    menu_icon = "date"
    menu_order = 250
    items = (SessionViewSet, VenueViewSet)
    submenu_hook = SUBMENU_HOOK
