"""The learning dashboard's figures: aggregate counts only, suppressed before anyone sees them.

Every figure is counted with GROUP BY in a fixed number of queries (none per person,
session, event or programme row), then suppressed on the whole table, every programme
included (``suppression.py``), and only then sliced by the programme filter. Nothing here
returns a person, and a hidden count never leaves ``suppression`` with its value.

What is counted:

* **Completion** (programme x agency, programme x area): people who completed the
  programme at least once (``ProgrammeCompletion``: a person's latest completed cycle,
  counted in the agency and area copied at that completion; a deleted account's
  completions stay as anonymous counts, its first cycle counted), beside people enrolled
  now (``Enrolment``, by the agency and area in their profile).
* **Attendance** (programme x home agency): register marks on bookings of sessions that
  went ahead: attended, absent, late cancellation; non-attendance is absent plus late.
* **Agency mix** (session x agency): confirmed places per agency on each session that is
  not cancelled, upcoming and past.
* **Scenarios**: people who watched each scenario to the end; at each decision point,
  people per option (each person's latest recorded answer at that point).
* **Confidence** (statement x programme): matched pairs, i.e. the same person's "before"
  and "after" answers to the same statement for the same programme and cycle: how many
  pairs, the mean before and after, the change, and the share whose score went up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from cms.learning_record.api import Verb, everyone_events
from cms.taxonomy.models import Agency, Area

from ..choices import Attendance, BookingStatus, ConfidenceStage, ConfidenceStatement, SessionStatus
from ..models import (
    Booking,
    ConfidenceResponse,
    Enrolment,
    InductionProgrammePage,
    ProgrammeCompletion,
    ScenarioPage,
    Session,
)
from ..progress import decision_points
from .suppression import THRESHOLD, TOTAL, Figure, shown_or_none, suppress_table, suppress_tables

NOT_GIVEN_AGENCY = "Agency not given"
NOT_GIVEN_AREA = "Area not given"
ALL_PROGRAMMES = "All programmes"

# Attendance axes: the first table splits marked places into attended and non-attendance,
# the second splits non-attendance into absent and late; they share the non-attendance count.
ATTENDED, NON_ATTENDANCE = "attended", "non-attendance"
ABSENT, LATE = Attendance.ABSENT.value, Attendance.LATE_CANCELLATION.value


# -- reading the learning record -----------------------------------------------------------------


# -- what a view shows ----------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    value: float | int | None  # None: hidden, no bar drawn
    text: str  # the figure as written beside the bar (and in the table)


@dataclass
class BarGroup:
    label: str
    bars: list


@dataclass
class Chart:
    title: str
    description: str
    groups: list
    scale_max: float | None = None  # None: the largest value shown


@dataclass
class Table:
    """One table of the dashboard, as shown and as exported: headings and rows of text or
    Figures (already suppressed). ``total_rows`` are the last rows (shown in bold)."""

    id: str
    caption: str
    headings: list
    rows: list
    total_rows: int = 0
    charts: list = field(default_factory=list)
    note: str = ""

    @property
    def body_rows(self):
        return self.rows[: len(self.rows) - self.total_rows]

    @property
    def foot_rows(self):
        return self.rows[len(self.rows) - self.total_rows :]

    def csv_rows(self):
        for row in self.rows:
            yield [str(cell) if isinstance(cell, Figure) else cell for cell in row]


def count_bar(label, value):
    return Bar(label=label, value=value.value, text=value.text)


# -- the queries (a fixed number, whatever the numbers of people, events and sessions) ---------


def _programmes():
    return list(InductionProgrammePage.objects.order_by("title", "pk").values_list("pk", "title", "modules"))


def _agency_names():
    return dict(Agency.objects.order_by("sort_order", "name").values_list("pk", "name"))


def _counted_completions():
    """A person's latest completed cycle of each programme; a deleted account's first."""
    later = ProgrammeCompletion.objects.filter(
        user=OuterRef("user"), programme=OuterRef("programme"), cycle__gt=OuterRef("cycle")
    )
    return ProgrammeCompletion.objects.alias(latest=~Exists(later)).filter(
        Q(user__isnull=False, latest=True) | Q(user__isnull=True, cycle=1)
    )


def completion_counts():
    """({(programme, agency, area): completed}, {(programme, agency, area): enrolled})."""
    completed = {
        (row["programme_id"], row["agency_id"], row["area_id"]): row["n"]
        for row in _counted_completions()
        .order_by()
        .values("programme_id", "agency_id", "area_id")
        .annotate(n=Count("pk"))
    }
    enrolled = {
        (row["programme_id"], row["user__agency_id"], row["user__area_id"]): row["n"]
        for row in Enrolment.objects.order_by()
        .values("programme_id", "user__agency_id", "user__area_id")
        .annotate(n=Count("pk"))
    }
    return completed, enrolled


def attendance_counts():
    """{(programme, agency, attendance): places} for marked bookings of sessions that ran."""
    return {
        (row["session__programme_id"], row["agency_id"], row["attendance"]): row["n"]
        for row in Booking.objects.exclude(attendance=Attendance.UNMARKED)
        .exclude(session__status=SessionStatus.CANCELLED)
        .order_by()
        .values("session__programme_id", "agency_id", "attendance")
        .annotate(n=Count("pk"))
    }


def agency_mix_counts():
    """(sessions, {(session, agency): confirmed places}) for sessions not cancelled."""
    sessions = list(
        Session.objects.exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at", "pk")
        .values("pk", "title", "starts_at", "programme_id")
    )
    counts = {
        (row["session_id"], row["agency_id"]): row["n"]
        for row in Booking.objects.filter(status=BookingStatus.CONFIRMED)
        .exclude(session__status=SessionStatus.CANCELLED)
        .order_by()
        .values("session_id", "agency_id")
        .annotate(n=Count("pk"))
    }
    return sessions, counts


def scenario_counts():
    """(watched {scenario: people}, answers {(scenario, block, point, option): people})."""
    watched = dict(
        everyone_events(Verb.WATCHED_TO_END, ScenarioPage)
        .order_by()
        .values("object_id")
        .annotate(n=Count("user", distinct=True))
        .values_list("object_id", "n")
    )
    answers = everyone_events(Verb.ANSWERED_DECISION_POINT, ScenarioPage)
    latest = (
        answers.order_by()
        .values("user_id", "object_id", "data__block", "data__point")
        .annotate(last=Max("pk"))
        .values("last")
    )
    spread = {
        (row["object_id"], row["data__block"], row["data__point"], row["data__option"]): row["n"]
        for row in answers.filter(pk__in=latest)
        .order_by()
        .values("object_id", "data__block", "data__point", "data__option")
        .annotate(n=Count("pk"))
    }
    return watched, spread


def confidence_pairs():
    """{(statement, programme): (pairs, sum before, sum after, improved)} from matched pairs."""
    before = ConfidenceResponse.objects.filter(
        user=OuterRef("user"),
        programme=OuterRef("programme"),
        cycle=OuterRef("cycle"),
        statement=OuterRef("statement"),
        stage=ConfidenceStage.BEFORE,
    ).values("score")[:1]
    rows = (
        ConfidenceResponse.objects.filter(stage=ConfidenceStage.AFTER)
        .annotate(before=Subquery(before))
        .filter(before__isnull=False)
        .order_by()
        .values("statement", "programme_id")
        .annotate(
            n=Count("pk"),
            sum_before=Sum("before"),
            sum_after=Sum("score"),
            improved=Count("pk", filter=Q(score__gt=F("before"))),
        )
    )
    return {
        (row["statement"], row["programme_id"]): (
            row["n"],
            row["sum_before"],
            row["sum_after"],
            row["improved"],
        )
        for row in rows
    }


# -- suppression: once, on the full tables ------------------------------------------------------


@dataclass
class Figures:
    """Everything the dashboard shows, suppressed on the full tables (all programmes)."""

    programmes: list  # [(pk, title)]
    programme_modules: dict  # {pk: set of scenario page ids}
    agencies: dict  # {pk: name}
    areas: dict  # {pk: name}
    completion: dict  # {"completed-agency" | ...: {(programme, category): Figure}}
    attendance: dict  # {(programme, agency, ATTENDED|NON_ATTENDANCE|TOTAL): Figure}
    non_attendance: dict  # {(programme, agency, ABSENT|LATE|TOTAL): Figure}
    sessions: list
    mix: dict  # {(session, agency): Figure}
    mix_agencies: list
    scenarios: list  # [(pk, title, decision points)]
    watched: dict  # {scenario: Figure}
    spreads: dict  # {(scenario, point index, option or TOTAL): Figure}
    confidence: dict  # {(statement, programme or TOTAL): Figure of pairs}
    confidence_sums: dict  # {(statement, programme or TOTAL): (sum before, sum after, improved)}


def _margin(cells, keep):
    """Sum ``cells`` over the axes not in ``keep`` (positions)."""
    out = defaultdict(int)
    for key, value in cells.items():
        out[tuple(key[i] for i in keep)] += value
    return dict(out)


def _completion_tables(completed, enrolled):
    tables, links = {}, []
    for measure, cells in (("completed", completed), ("enrolled", enrolled)):
        tables[f"{measure}-agency"] = (_margin(cells, (0, 1)), 2, (0, 1))
        tables[f"{measure}-area"] = (_margin(cells, (0, 2)), 2, (0, 1))
        # The two tables of one measure show the same programme totals and grand total.
        if cells:
            for pk in [*{key[0] for key in cells}, TOTAL]:
                links.append([(f"{measure}-agency", (pk, TOTAL)), (f"{measure}-area", (pk, TOTAL))])
    return suppress_tables(tables, links)


def _attendance_tables(counts):
    """Two linked tables: marked places split into attended and non-attendance ("split"),
    and non-attendance split into absent and late cancellation ("detail"); each
    non-attendance count (with its totals) is the same number in both."""
    split = defaultdict(int)
    detail = defaultdict(int)
    for (programme, agency, mark), n in counts.items():
        split[(programme, agency, ATTENDED if mark == Attendance.ATTENDED else NON_ATTENDANCE)] += n
        if mark in (ABSENT, LATE):
            detail[(programme, agency, mark)] += n
    pairs = {(programme, agency) for programme, agency, _mark in counts}
    for programme, agency in pairs:
        for mark in (ATTENDED, NON_ATTENDANCE):
            split.setdefault((programme, agency, mark), 0)
        for mark in (ABSENT, LATE):
            detail.setdefault((programme, agency, mark), 0)
    links = {
        (p, a): [("split", (p, a, NON_ATTENDANCE)), ("detail", (p, a, TOTAL))]
        for programme, agency in pairs
        for p in (programme, TOTAL)
        for a in (agency, TOTAL)
    }
    tables = {"split": (dict(split), 3, (0, 1, 2)), "detail": (dict(detail), 3, (0, 1, 2))}
    return suppress_tables(tables, links.values())


def compute():
    """Every figure, suppressed. A fixed number of queries."""
    programmes = _programmes()
    programme_ids = [pk for pk, _title, _modules in programmes]
    modules = {
        pk: {
            block["value"].get("page")
            for block in (stream.raw_data if stream is not None else [])
            if block.get("type") == "scenario" and isinstance(block.get("value"), dict)
        }
        for pk, _title, stream in programmes
    }
    agencies = _agency_names()

    completed, enrolled = completion_counts()
    completion = _completion_tables(completed, enrolled)
    area_ids = {key[2] for key in [*completed, *enrolled] if key[2] is not None}
    areas = dict(Area.objects.filter(pk__in=area_ids).order_by("name").values_list("pk", "name"))

    attendance = _attendance_tables(attendance_counts())

    sessions, mix_counts = agency_mix_counts()
    mix_agencies = sorted(
        {agency for _session, agency in mix_counts}, key=lambda pk: list(agencies).index(pk)
    )
    mix_cells = dict(mix_counts)
    for session in sessions:
        for agency in mix_agencies or [None]:
            mix_cells.setdefault((session["pk"], agency), 0)
    mix = suppress_table(mix_cells, 2, (0, 1)) if mix_cells else {}

    watched_counts, spread_counts = scenario_counts()
    scenario_pages = list(
        ScenarioPage.objects.filter(Q(live=True) | Q(pk__in=list(watched_counts)))
        .order_by("title", "pk")
        .only("pk", "title", "decision_points")
    )
    scenarios = [(page.pk, page.title, decision_points(page)) for page in scenario_pages]
    watched = suppress_table({(pk,): watched_counts.get(pk, 0) for pk, _t, _p in scenarios}, 1, ())
    spread_cells = _spread_cells(scenarios, spread_counts)
    spreads = suppress_table(spread_cells, 3, (2,)) if spread_cells else {}

    pairs = confidence_pairs()
    confidence_cells = {key: value[0] for key, value in pairs.items()}
    for statement in ConfidenceStatement.values:
        for pk in programme_ids:
            confidence_cells.setdefault((statement, pk), 0)
    confidence = suppress_table(confidence_cells, 2, (1,)) if confidence_cells else {}
    sums = defaultdict(lambda: [0, 0, 0])
    for (statement, programme), (_n, before, after, improved) in pairs.items():
        for key in ((statement, programme), (statement, TOTAL)):
            sums[key][0] += before
            sums[key][1] += after
            sums[key][2] += improved

    return Figures(
        programmes=[(pk, title) for pk, title, _m in programmes],
        programme_modules=modules,
        agencies=agencies,
        areas=areas,
        completion=completion,
        attendance=attendance["split"],
        non_attendance=attendance["detail"],
        sessions=sessions,
        mix=mix,
        mix_agencies=mix_agencies,
        scenarios=scenarios,
        watched={key[0]: value for key, value in watched.items()},
        spreads=spreads,
        confidence=confidence,
        confidence_sums={key: tuple(value) for key, value in sums.items()},
    )


def _spread_cells(scenarios, counts):
    """{(scenario, point index, option): people}, each answer matched to its current point
    by block id (or position, for answers recorded without one); every option of a point
    anyone answered is listed, 0 when nobody chose it."""
    matched = defaultdict(int)
    answered = set()
    by_page = {pk: points for pk, _title, points in scenarios}
    for (page, block, index, option), n in counts.items():
        points = by_page.get(page)
        if not points:
            continue
        point = None
        if block:
            point = next((p for p in points if p.block_id == block), None)
        elif isinstance(index, int):
            point = next((p for p in points if p.index == index), None)
        if point is None or not isinstance(option, int) or not 0 <= option < len(point.options):
            continue
        matched[(page, point.index, option)] += n
        answered.add((page, point.index))
    for page, index in answered:
        point = next(p for p in by_page[page] if p.index == index)
        for option in point.options:
            matched.setdefault((page, index, option.index), 0)
    return dict(matched)


# -- the tables and charts a view shows, for one programme or all -------------------------------


def _agency_label(agencies, pk):
    return NOT_GIVEN_AGENCY if pk is None else agencies.get(pk, NOT_GIVEN_AGENCY)


def _fig(table, key):
    return table.get(key, Figure(0))


def _programme_title(figures, programme):
    return dict(figures.programmes).get(programme, ALL_PROGRAMMES) if programme != TOTAL else ALL_PROGRAMMES


def completion_tables(figures, programme=TOTAL):
    """Completion by agency and by area for ``programme`` (TOTAL: all programmes), and the
    per-programme summary when showing all."""
    title = _programme_title(figures, programme)
    tables = []
    if programme == TOTAL:
        completed, enrolled = figures.completion["completed-agency"], figures.completion["enrolled-agency"]
        rows = [
            [name, _fig(enrolled, (pk, TOTAL)), _fig(completed, (pk, TOTAL))]
            for pk, name in figures.programmes
        ]
        rows.append([ALL_PROGRAMMES, _fig(enrolled, (TOTAL, TOTAL)), _fig(completed, (TOTAL, TOTAL))])
        tables.append(
            Table(
                id="completion-programmes",
                caption="People enrolled and people who completed, by programme",
                headings=["Programme", "Enrolled now", "Completed at least once"],
                rows=rows,
                total_rows=1,
                charts=[
                    Chart(
                        title="People who completed each programme",
                        description="Bar chart of the people who completed each programme at least once. "
                        "The table beside it gives the same figures.",
                        groups=[BarGroup(row[0], [count_bar("", row[2])]) for row in rows[:-1]],
                    )
                ],
            )
        )
    for dimension, label, names, not_given in (
        ("agency", "agency", figures.agencies, NOT_GIVEN_AGENCY),
        ("area", "area", figures.areas, NOT_GIVEN_AREA),
    ):
        completed = figures.completion[f"completed-{dimension}"]
        enrolled = figures.completion[f"enrolled-{dimension}"]
        present = {key[1] for table in (completed, enrolled) for key in table if key[0] == programme}
        present.discard(TOTAL)
        categories = [pk for pk in names if dimension == "agency" or pk in present]
        if None in present:
            categories.append(None)
        rows = []
        for pk in categories:
            e, c = _fig(enrolled, (programme, pk)), _fig(completed, (programme, pk))
            if dimension == "area" and e.value == 0 and c.value == 0:
                continue
            rows.append([names.get(pk, not_given), e, c])
        rows.append(
            [
                f"All {label == 'agency' and 'agencies' or 'areas'}",
                _fig(enrolled, (programme, TOTAL)),
                _fig(completed, (programme, TOTAL)),
            ]
        )
        tables.append(
            Table(
                id=f"completion-{dimension}",
                caption=f"{title}: people enrolled and people who completed, by {label}",
                headings=[label.capitalize(), "Enrolled now", "Completed at least once"],
                rows=rows,
                total_rows=1,
                charts=[
                    Chart(
                        title=f"{title}: people who completed, by {label}",
                        description=f"Bar chart of the people who completed, for each {label}. "
                        "The table beside it gives the same figures.",
                        groups=[BarGroup(row[0], [count_bar("", row[2])]) for row in rows[:-1]],
                    )
                ],
            )
        )
    return tables


def attendance_table(figures, programme=TOTAL):
    title = _programme_title(figures, programme)
    split, detail = figures.attendance, figures.non_attendance
    present = {key[1] for key in split if key[0] == programme and key[1] != TOTAL}
    categories = [pk for pk in figures.agencies if pk in present] + ([None] if None in present else [])
    rows = []
    for pk in [*categories, TOTAL]:
        label = "All agencies" if pk == TOTAL else _agency_label(figures.agencies, pk)
        rows.append(
            [
                label,
                _fig(split, (programme, pk, ATTENDED)),
                _fig(detail, (programme, pk, ABSENT)),
                _fig(detail, (programme, pk, LATE)),
                _fig(split, (programme, pk, NON_ATTENDANCE)),
                _fig(split, (programme, pk, TOTAL)),
            ]
        )
    return Table(
        id="attendance",
        caption=f"{title}: places marked on the register, by home agency",
        headings=[
            "Home agency",
            "Attended",
            "Absent",
            "Late cancellation",
            "Non-attendance (absent and late)",
            "All marked",
        ],
        rows=rows,
        total_rows=1,
        note="Places on sessions that went ahead, counted against the agency each person booked for.",
        charts=[
            Chart(
                title=f"{title}: non-attendance by home agency",
                description="Bar chart of absences and late cancellations together, for each home agency. "
                "The table beside it gives these and the other figures.",
                groups=[BarGroup(row[0], [count_bar("", row[4])]) for row in rows[:-1]],
            )
        ],
    )


def agency_mix_tables(figures, programme=TOTAL):
    """Upcoming and past sessions' confirmed places by agency (rows of the full table)."""
    now = timezone.now()
    agencies = figures.mix_agencies
    headings = ["Session", *[_agency_label(figures.agencies, pk) for pk in agencies], "All agencies"]
    tables = []
    of = "" if programme == TOTAL else f" of {_programme_title(figures, programme)}"
    for when, caption in (("upcoming", "Upcoming sessions"), ("past", "Past sessions")):
        chosen = [
            session
            for session in figures.sessions
            if (programme == TOTAL or session["programme_id"] == programme)
            and ((session["starts_at"] > now) == (when == "upcoming"))
        ]
        rows = [
            [
                f"{session['title']} ({timezone.localtime(session['starts_at']):%d %b %Y})",
                *[_fig(figures.mix, (session["pk"], pk)) for pk in agencies],
                _fig(figures.mix, (session["pk"], TOTAL)),
            ]
            for session in chosen
        ]
        tables.append(
            Table(
                id=f"agency-mix-{when}",
                caption=f"{caption}{of}: confirmed places by agency",
                headings=headings,
                rows=rows,
            )
        )
    if programme == TOTAL and figures.sessions:
        totals = [_fig(figures.mix, (TOTAL, pk)) for pk in agencies]
        tables.append(
            Table(
                id="agency-mix-all",
                caption="All sessions (upcoming and past, every programme): confirmed places by agency",
                headings=["Agency", "Confirmed places"],
                rows=[
                    *[
                        [_agency_label(figures.agencies, pk), total]
                        for pk, total in zip(agencies, totals, strict=True)
                    ],
                    ["All agencies", _fig(figures.mix, (TOTAL, TOTAL))],
                ],
                total_rows=1,
                charts=[
                    Chart(
                        title="Confirmed places by agency, all sessions",
                        description="Bar chart of confirmed places on all sessions, for each agency. "
                        "The table beside it gives the same figures.",
                        groups=[
                            BarGroup(_agency_label(figures.agencies, pk), [count_bar("", total)])
                            for pk, total in zip(agencies, totals, strict=True)
                        ],
                    )
                ],
            )
        )
    return tables


def _scenarios_of(figures, programme):
    if programme == TOTAL:
        return figures.scenarios
    pages = figures.programme_modules.get(programme, set())
    return [scenario for scenario in figures.scenarios if scenario[0] in pages]


def scenario_tables(figures, programme=TOTAL):
    scenarios = _scenarios_of(figures, programme)
    rows = [[title, figures.watched.get(pk, Figure(0))] for pk, title, _points in scenarios]
    tables = [
        Table(
            id="scenarios-watched",
            caption="People who watched each scenario to the end",
            headings=["Scenario", "Watched to the end"],
            rows=rows,
            charts=[
                Chart(
                    title="People who watched each scenario to the end",
                    description="Bar chart of the people who watched each scenario to the end. "
                    "The table beside it gives the same figures.",
                    groups=[BarGroup(row[0], [count_bar("", row[1])]) for row in rows],
                )
            ]
            if rows
            else [],
        )
    ]
    for pk, title, points in scenarios:
        for point in points:
            if (pk, point.index, TOTAL) not in figures.spreads:
                continue
            rows = [
                [option.label, _fig(figures.spreads, (pk, point.index, option.index))]
                for option in point.options
            ]
            rows.append(["Everyone who answered", _fig(figures.spreads, (pk, point.index, TOTAL))])
            caption = f"{title}, decision point {point.number}: {point.question}"
            tables.append(
                Table(
                    id=f"decision-{pk}-{point.index}",
                    caption=caption,
                    headings=["Option", "People who chose it"],
                    rows=rows,
                    total_rows=1,
                    note="Each person's latest answer at this point.",
                    charts=[
                        Chart(
                            title=f"Answers at decision point {point.number} of {title}",
                            description=f"Bar chart of the people who chose each option at "
                            f"“{point.question}”. The table beside it gives the same figures.",
                            groups=[BarGroup(row[0], [count_bar("", row[1])]) for row in rows[:-1]],
                        )
                    ],
                )
            )
    return tables


def _one_decimal(value):
    return f"{value:.1f}"


def confidence_table(figures, programme=TOTAL):
    title = _programme_title(figures, programme)
    rows, groups = [], []
    for statement, label in ConfidenceStatement.choices:
        pairs = _fig(figures.confidence, (statement, programme))
        before_sum, after_sum, improved = figures.confidence_sums.get((statement, programme), (0, 0, 0))
        n = pairs.value or 0
        before = shown_or_none(pairs, before_sum / n if n else None)
        after = shown_or_none(pairs, after_sum / n if n else None)
        share = shown_or_none(pairs, improved / n if n else None)
        missing = "no respondents" if pairs.value == 0 else f"not shown (fewer than {THRESHOLD} respondents)"
        rows.append(
            [
                label,
                pairs,
                _one_decimal(before) if before is not None else missing,
                _one_decimal(after) if after is not None else missing,
                f"{after - before:+.1f}" if before is not None else missing,
                f"{share * 100:.0f}%" if share is not None else missing,
            ]
        )
        groups.append(
            BarGroup(
                label,
                [
                    Bar("Before", before, _one_decimal(before) if before is not None else missing),
                    Bar("After", after, _one_decimal(after) if after is not None else missing),
                ],
            )
        )
    return Table(
        id="confidence",
        caption=f"{title}: confidence before and after, matched pairs "
        "(1 = strongly disagree, 5 = strongly agree)",
        headings=[
            "Statement",
            "Respondents (matched pairs)",
            "Mean before",
            "Mean after",
            "Change",
            "Improved",
        ],
        rows=rows,
        note=(
            "Only people who answered the same statement before and after the same programme are counted. "
            f"Means and shares are shown only for {THRESHOLD} or more respondents."
        ),
        charts=[
            Chart(
                title=f"{title}: mean confidence before and after",
                description="Bar chart of the mean score (1 to 5) before and after, for each statement. "
                "The table beside it gives the same figures with respondent counts.",
                groups=groups,
                scale_max=5,
            )
        ],
    )


def dashboard_tables(figures, programme=TOTAL):
    """{section: [Table]} for ``programme`` (a programme's pk, or TOTAL for all)."""
    return {
        "completion": completion_tables(figures, programme),
        "attendance": [attendance_table(figures, programme)],
        "agency_mix": agency_mix_tables(figures, programme),
        "scenarios": scenario_tables(figures, programme),
        "confidence": [confidence_table(figures, programme)],
    }
