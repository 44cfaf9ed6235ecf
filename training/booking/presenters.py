"""How sessions read on the page: dates in words, places left, the mix so far, the rule.

Shared by the practitioner's pages (``views``, the programme page) and usable by the
trainer's tools. ``summarise(sessions)`` reads the bookings of any number of sessions in
one query, so a listing costs the same number of queries however many sessions it shows.
Nothing here changes a booking (that is ``service``).
"""

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import dateformat, timezone

from ..choices import BookingStatus
from .rules import MixRule

LONDON = ZoneInfo("Europe/London")

SHARE_WORDS = {100: None, 75: "three quarters", 50: "half", 25: "a quarter", 20: "a fifth", 10: "a tenth"}
SHARE_WORDS.update({33: "a third", 34: "a third", 66: "two thirds", 67: "two thirds"})
NUMBER_WORDS = dict(enumerate("zero one two three four five six seven eight nine".split()))


# Dates and times, the GOV.UK way: "Tuesday 3 March 2027", "9:30am", "9am", "midday".


def local(moment):
    return timezone.localtime(moment, LONDON)


def time_words(moment):
    moment = local(moment)
    if moment.minute == 0 and moment.hour in (0, 12):
        return "midnight" if moment.hour == 0 else "midday"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}:{moment.minute:02d}{suffix}" if moment.minute else f"{hour}{suffix}"


def date_words(moment):
    return dateformat.format(local(moment), "l j F Y")


def datetime_words(moment):
    """'Tuesday 3 March 2027 at 9:30am'."""
    return f"{date_words(moment)} at {time_words(moment)}"


def range_words(start, end):
    """'Tuesday 3 March 2027, 9:30am to 12:30pm' (both dates when it runs past midnight)."""
    if local(start).date() == local(end).date():
        return f"{date_words(start)}, {time_words(start)} to {time_words(end)}"
    return f"{date_words(start)}, {time_words(start)} to {date_words(end)}, {time_words(end)}"


def share_words(percent):
    """50 -> 'half', 30 -> '30%'; None when there is no limit."""
    if percent in SHARE_WORDS:
        return SHARE_WORDS[percent]
    return f"{percent}%"


def number_words(number):
    return NUMBER_WORDS.get(number, str(number))


def plural(count, singular, plural_form=None):
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def refresher_words(months):
    """12 -> 'Take it again every 12 months'; None -> ''."""
    if not months:
        return ""
    return "Take it again every month" if months == 1 else f"Take it again every {months} months"


def rule_clauses(session, now=None):
    """The agency-mix rule in plain words, one clause per part of it."""
    now = now or timezone.now()
    rule = MixRule.for_session(session, now)
    if rule.released:
        return [
            f"Since {datetime_words(session.mix_release_at)}, any agency can book the places left",
        ]
    clauses = []
    share = share_words(session.max_agency_share)
    if share is not None and rule.agency_limit < rule.capacity:
        share = "half the places" if share == "half" else f"{share} of the places"
        clauses.append(f"No agency takes more than {share} ({rule.agency_limit} of {rule.capacity})")
    if rule.agencies_wanted > 1:
        clauses.append(
            f"Places are held so at least {number_words(rule.agencies_wanted)} agencies can attend"
        )
    if session.mix_release_at:
        clauses.append(f"From {datetime_words(session.mix_release_at)}, any agency can book the places left")
    return clauses


def rule_sentence(session, now=None):
    clauses = rule_clauses(session, now)
    if not clauses:
        return "Any agency can book any of the places."
    text = "; ".join([clauses[0]] + [clause[0].lower() + clause[1:] for clause in clauses[1:]])
    return text + "."


@dataclass
class SessionSummary:
    """One session with its bookings counted: places left, the mix so far, and (when asked
    for a person) their own booking."""

    session: object
    confirmed_by_agency: dict = field(default_factory=dict)  # {agency_id: count}
    agency_names: dict = field(default_factory=dict)  # {agency_id: name}
    waitlisted: int = 0
    booking: object = None  # the person's own Booking, if any

    @property
    def confirmed(self):
        return sum(self.confirmed_by_agency.values())

    @property
    def places_left(self):
        return max(0, self.session.capacity - self.confirmed)

    @property
    def places_left_words(self):
        if self.places_left == 0:
            return "None: the session is full"
        return f"{self.places_left} of {self.session.capacity}"

    @property
    def mix(self):
        """[(agency name, places)], most places first."""
        places = self.confirmed_by_agency.items()
        named = ((self.agency_names[agency], count) for agency, count in places if count)
        return sorted(named, key=lambda item: (-item[1], item[0]))

    @property
    def agencies_count(self):
        return sum(1 for count in self.confirmed_by_agency.values() if count)

    @property
    def mix_words(self):
        """'Police 3, Health 2, Education 1 — 3 of at least 3 agencies'."""
        if not self.confirmed:
            return "No places booked yet"
        parts = ", ".join(f"{name} {count}" for name, count in self.mix)
        wanted = min(self.session.min_agencies, self.session.capacity)
        if wanted > 1:
            return f"{parts} — {self.agencies_count} of at least {wanted} agencies"
        return f"{parts} — {plural(self.agencies_count, 'agency', 'agencies')}"

    @property
    def when(self):
        return range_words(self.session.starts_at, self.session.ends_at)

    @property
    def rule_words(self):
        return rule_sentence(self.session)

    def refusal_for(self, agency_id, now=None):
        """Why a person of `agency_id` would join the waiting list if they booked now
        (a rules.Refusal), or None if a place is theirs."""
        rule = MixRule.for_session(self.session, now or timezone.now())
        return rule.refusal(self.confirmed_by_agency, agency_id)


def summarise(sessions, user=None):
    """A SessionSummary per session, in the same order: one query for every session's
    bookings, and one more for `user`'s own bookings (with their waiting-list positions)."""
    from ..models import Booking

    sessions = list(sessions)
    summaries = {session.pk: SessionSummary(session) for session in sessions}
    if not summaries:
        return []
    rows = (
        Booking.objects.filter(
            session__in=list(summaries), status__in=[BookingStatus.CONFIRMED, BookingStatus.WAITLISTED]
        )
        .order_by()
        .values("session_id", "status", "agency_id", "agency__name")
        .annotate(count=Count("pk"))
    )
    for row in rows:
        summary = summaries[row["session_id"]]
        if row["status"] == BookingStatus.CONFIRMED:
            summary.confirmed_by_agency[row["agency_id"]] = row["count"]
            summary.agency_names[row["agency_id"]] = row["agency__name"]
        else:
            summary.waitlisted += row["count"]
    if user is not None and user.is_authenticated:
        own = with_waitlist_position(Booking.objects.filter(session__in=list(summaries), user=user))
        for booking in own:
            summaries[booking.session_id].booking = booking
    return [summaries[session.pk] for session in sessions]


def summary_of(session, user=None):
    return summarise([session], user)[0]


def with_waitlist_position(bookings):
    """Annotate ``waitlist_position`` (1 = next in line) on each booking; None unless waitlisted.

    One subquery per row counts the people ahead in the same session's queue (the order
    ``Booking.objects.waitlist()`` offers places in), so a list of bookings costs one query."""
    from ..models import Booking

    ahead = (
        Booking.objects.filter(session=OuterRef("session"), status=BookingStatus.WAITLISTED)
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return bookings.annotate(people_ahead=Coalesce(Subquery(ahead), Value(0)))


def waitlist_position(booking):
    """1 for the next in line; None when the booking is not on the waiting list."""
    if booking is None or booking.status != BookingStatus.WAITLISTED:
        return None
    if not hasattr(booking, "people_ahead"):
        booking = with_waitlist_position(type(booking).objects.filter(pk=booking.pk)).get()
    return booking.people_ahead + 1


# The programme page: learning aims in their two groups, modules in order.

MODULE_LABELS = {
    "scenario": "Video scenario",
    "case_study": "Case study",
    "session": "In-person session",
    "shadowing": "Shadowing placement",
}


def learning_aim_groups(page):
    """[(heading, [aims])] for the groups that have aims, in a fixed order."""
    groups = [
        ("practical_side", "The practical side of other services", []),
        ("professional_culture", "Other professions' cultures", []),
    ]
    by_type = {block_type: aims for block_type, _, aims in groups}
    for aim in page.learning_aims:
        by_type.get(aim.block_type, []).append(aim.value)
    return [(heading, aims) for _, heading, aims in groups if aims]


def length_words(length, unit):
    singular = {"days": "day", "weeks": "week"}.get(unit, unit)
    return f"{length} {singular if length == 1 else unit}"


def programme_modules(page, request=None):
    """The programme's modules in order, as plain dicts for the template (one query for the
    host agencies' names, whatever the number of modules)."""
    from cms.taxonomy.models import Agency

    from ..choices import SessionFormat

    slugs = {block.value["host_agency"] for block in page.modules if block.block_type == "shadowing"}
    agency_names = dict(Agency.objects.filter(slug__in=slugs).values_list("slug", "name")) if slugs else {}
    modules = []
    for block in page.modules:
        value, kind = block.value, block.block_type
        module = {"kind": kind, "label": MODULE_LABELS.get(kind, kind), "id": block.id}
        if kind in ("scenario", "case_study"):
            chosen = value.get("page")
            live = chosen is not None and chosen.live
            module.update(
                title=chosen.title if chosen is not None else "",
                url=chosen.get_url(request) if live else "",
                note=value.get("note", ""),
            )
            if chosen is None:
                continue  # the chosen page has been deleted
        elif kind == "session":
            module.update(
                title=value.get("title", ""),
                format=SessionFormat(value["format"]).label if value.get("format") else "",
                description=value.get("description", ""),
            )
        elif kind == "shadowing":
            host = agency_names.get(value.get("host_agency"), value.get("host_agency", ""))
            length = length_words(value.get("length") or 0, value.get("unit") or "days")
            module.update(
                title=f"{length} with {host}",
                host_agency=host,
                placement_length=length,
                description=value.get("description", ""),
            )
        modules.append(module)
    return modules


def upcoming_session_counts(programmes):
    """[(programme, upcoming sessions, first upcoming start or None)] in one query."""
    from django.db.models import Min

    from ..models import Session

    programmes = list(programmes)
    rows = (
        Session.objects.upcoming()
        .filter(programme__in=[programme.pk for programme in programmes])
        .order_by()
        .values("programme_id")
        .annotate(count=Count("pk"), first=Min("starts_at"))
    )
    counts = {row["programme_id"]: (row["count"], row["first"]) for row in rows}
    return [(programme, *counts.get(programme.pk, (0, None))) for programme in programmes]
