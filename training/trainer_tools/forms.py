"""Forms of the trainers' tools: the session form (with every date rule checked) and the
small forms of the per-session pages (register, message, cancel, report dates)."""

from django import forms
from django.db.models import Count
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from cms.taxonomy.models import Agency

from ..booking.rules import MixRule
from ..choices import Attendance, SessionStatus
from ..models import InductionProgrammePage, Session

# Fields attendees must hear about when they change (the service raises SEQUENCE and emails).
ATTENDEE_FIELDS = ("starts_at", "ends_at", "venue")
# Fields of the agency-mix rule: relaxing them may let someone off the waiting list.
MIX_FIELDS = ("max_agency_share", "min_agencies", "mix_release_at")
MIX_INPUTS = ("capacity", "max_agency_share", "min_agencies", "mix_release_at")
DATETIME_FIELDS = ("starts_at", "ends_at", "booking_opens_at", "booking_closes_at", "cancellation_cutoff_at")
MINUTE = {"second": 0, "microsecond": 0}


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title if obj.live else f"{obj.title} (draft)"


def _truncated(value):
    return value.replace(**MINUTE) if value is not None else None


class SessionAdminForm(WagtailAdminModelForm):
    """Create and edit a session. The rules a trainer can break are checked here with a
    message on the field; capacity on an existing session is changed by the view through
    ``service.change_capacity`` (never written by this form), so the booking service stays
    the only code that moves places."""

    programme = ProgrammeChoiceField(
        queryset=InductionProgrammePage.objects.order_by("title"),
        empty_label="Choose a programme",
        help_text="The induction programme this session belongs to.",
        error_messages={"required": "Choose the programme this session belongs to."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = None
        if self.instance.pk:
            self.current = Session.objects.filter(pk=self.instance.pk).first()
        messages = {
            "title": "Enter a title for the session.",
            "venue": "Choose the venue.",
            "starts_at": "Enter when the session starts.",
            "ends_at": "Enter when the session ends.",
            "facilitator": "Enter who runs the session.",
            "capacity": "Enter the number of places.",
            "booking_opens_at": "Enter when booking opens.",
            "booking_closes_at": "Enter when booking closes.",
            "cancellation_cutoff_at": "Enter the cancellation cut-off.",
            "max_agency_share": "Enter the maximum share of places per agency, from 1 to 100.",
            "min_agencies": "Enter the minimum number of agencies.",
        }
        for name, message in messages.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message

    def clean(self):
        cleaned = super().clean()
        current = self.current
        if current is not None and current.status == SessionStatus.CANCELLED:
            raise forms.ValidationError(
                "This session has been cancelled, so it can no longer be changed. "
                "Add a new session if it is to run after all.",
                code="cancelled",
            )
        if current is not None:
            # The date picker works to the minute: a time that only lost its seconds is unchanged.
            for name in DATETIME_FIELDS:
                value = cleaned.get(name)
                old = getattr(current, name)
                if value is not None and old is not None and value == _truncated(old):
                    cleaned[name] = old
        self._check_dates(cleaned)
        self._check_places(cleaned)
        return cleaned

    def _check_dates(self, cleaned):
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        opens, closes = cleaned.get("booking_opens_at"), cleaned.get("booking_closes_at")
        cutoff, release = cleaned.get("cancellation_cutoff_at"), cleaned.get("mix_release_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The session must end after it starts.")
        if opens and closes and closes <= opens:
            self.add_error("booking_closes_at", "Booking must close after it opens.")
        elif starts and closes and closes > starts:
            self.add_error(
                "booking_closes_at", "Booking must close before the session starts, or when it starts."
            )
        if starts and cutoff and cutoff > starts:
            self.add_error(
                "cancellation_cutoff_at",
                "The cancellation cut-off must be before the session starts, or when it starts.",
            )
        if starts and release and release >= starts:
            self.add_error(
                "mix_release_at",
                "The date places open to any agency must be before the session starts. "
                "Leave it empty to keep the agency mix to the end.",
            )

    def _check_places(self, cleaned):
        capacity, min_agencies = cleaned.get("capacity"), cleaned.get("min_agencies")
        if capacity and min_agencies and min_agencies > capacity:
            self.add_error(
                "min_agencies",
                f"The minimum number of agencies ({min_agencies}) cannot be more than the number of "
                f"places ({capacity}).",
            )
        if capacity is not None and self.current is not None and capacity < self.current.confirmed_count:
            confirmed = self.current.confirmed_count
            people = "1 person already has" if confirmed == 1 else f"{confirmed} people already have"
            self.add_error(
                "capacity",
                f"{people} a confirmed place, so the session needs at least {confirmed} places. "
                "Nothing has been changed.",
            )
        elif self.current is not None and not set(self.errors) & set(MIX_INPUTS):
            self._check_mix_still_holds(cleaned)

    def _check_mix_still_holds(self, cleaned):
        """The places already booked must keep the mix rule as changed (the booking service
        keeps that invariant; a trainer's edit must not break it behind its back)."""
        current = self.current
        values = {name: cleaned[name] if name in cleaned else getattr(current, name) for name in MIX_INPUTS}
        changed = [name for name in MIX_INPUTS if values[name] != getattr(current, name)]
        if not changed:
            return
        counts = dict(
            current.bookings.confirmed()
            .order_by()
            .values("agency_id")
            .annotate(n=Count("id"))
            .values_list("agency_id", "n")
        )
        release = values["mix_release_at"]
        rule = MixRule(
            capacity=values["capacity"],
            max_agency_share=values["max_agency_share"],
            min_agencies=values["min_agencies"],
            released=release is not None and timezone.now() >= release,
        )
        if not counts or rule.holds(counts):
            return
        over = {agency_id: n for agency_id, n in counts.items() if n > rule.agency_limit}
        if over:
            names = dict(Agency.objects.filter(pk__in=over).values_list("pk", "name"))
            held = ", ".join(f"{names[agency_id]} has {n}" for agency_id, n in sorted(over.items()))
            message = (
                f"With these settings no agency may have more than {rule.agency_limit} of the "
                f"{rule.capacity} places, but {held}. Places already booked stay booked, so nothing has "
                "been changed: choose a larger share or more places."
            )
        else:
            agencies = len([n for n in counts.values() if n])
            free = rule.capacity - sum(counts.values())
            missing = rule.agencies_wanted - agencies
            message = (
                f"With these settings {free} place{'' if free == 1 else 's'} would be left for the {missing} "
                f"more agencies the session needs (at least {rule.agencies_wanted}; {agencies} have booked). "
                "Nothing has been changed: choose fewer agencies or more places."
            )
        self.add_error(changed[0], message)

    def save(self, commit=True):
        """A new session is saved whole. An existing one saves only the fields on this form,
        and not capacity: the fields the booking service keeps (places taken, status,
        SEQUENCE) are never written back from a copy read before a booking came in."""
        if not commit or self.instance._state.adding:
            return super().save(commit=commit)
        session = self.instance
        names = [name for name in self._meta.fields if name != "capacity"]
        session.save(update_fields=[*names, "updated_at"])
        self._save_m2m()
        return session


class RegisterForm(forms.Form):
    """One set of radios per confirmed booking: attended, absent or late cancellation."""

    CHOICES = [
        (Attendance.ATTENDED, Attendance.ATTENDED.label),
        (Attendance.ABSENT, Attendance.ABSENT.label),
        (Attendance.LATE_CANCELLATION, Attendance.LATE_CANCELLATION.label),
    ]

    def __init__(self, *args, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        for booking in self.bookings:
            name, person = self.field_name(booking), person_name(booking)
            self.fields[name] = forms.ChoiceField(
                choices=self.CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial=booking.attendance or None,
                label=f"{person}, {booking.agency.name}",
                error_messages={
                    "invalid_choice": f"Choose attended, absent or late cancellation for {person}."
                },
            )

    @staticmethod
    def field_name(booking):
        return f"attendance-{booking.pk}"

    def rows(self):
        """(booking, bound field) for each person, in register order."""
        return [(booking, self[self.field_name(booking)]) for booking in self.bookings]

    def marks(self):
        """(booking, attendance) for each person given a mark that differs from the one saved."""
        return [
            (booking, self.cleaned_data[self.field_name(booking)])
            for booking in self.bookings
            if self.cleaned_data.get(self.field_name(booking))
            and self.cleaned_data[self.field_name(booking)] != booking.attendance
        ]


def person_name(booking):
    """How a booking's person is named to trainers (the account may have been deleted)."""
    if booking.user is None:
        return "Deleted account"
    return booking.user.get_full_name()


class MessageForm(forms.Form):
    message = forms.CharField(
        label="Message",
        max_length=2000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "Sent by email to everyone with a confirmed place, with the session's details. "
            "Up to 2,000 characters. Never include details of a real case."
        ),
        error_messages={
            "required": "Enter the message to send.",
            "max_length": "The message must be 2,000 characters or fewer (it has %(show_value)d).",
        },
    )


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label="Reason for cancelling",
        max_length=600,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Everyone booked or on the waiting list is told this by email. Up to 600 characters.",
        error_messages={
            "required": "Enter the reason for cancelling: everyone booked is told it.",
            "max_length": "The reason must be 600 characters or fewer (it has %(show_value)d).",
        },
    )


class DateRangeForm(forms.Form):
    """The optional date range of the non-attendance report (session start dates, inclusive)."""

    start = forms.DateField(
        label="Sessions from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the first date as a real date, for example 2026-04-01."},
    )
    end = forms.DateField(
        label="Sessions to",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the last date as a real date, for example 2026-06-30."},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The last date must be the same as or after the first date.")
        return cleaned
