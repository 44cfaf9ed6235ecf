"""What a person does with a video scenario: the parts they watched, their answers at the
decision points and their reflections, and what the scenario page shows them about it.

Watched time is kept as the union of the ranges actually played (``WatchProgress``), so a
seek never counts what was skipped and a replay never counts twice; the learning record
gets one ``watched_to_end`` when that union first covers 90% of the video. Answers and
reflections go to the learning record through ``cms.learning_record.api`` only.

The pure functions at the top (``clean_ranges``, ``merge_ranges``, ``coverage``) take
untrusted input from the player's beacons; everything below them touches the database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import transaction
from django.urls import reverse

from cms.learning_record.api import events_for, record_event
from cms.learning_record.models import Verb

from .blocks import timestamp_seconds
from .forms import ReflectionForm
from .models import Reflection, WatchProgress

WATCHED_FRACTION = 0.9  # this much of the video played counts as watched to the end
MAX_RANGES = 500  # in one beacon: far more than any real viewing sends
# Two played ranges this close together are one: the player reports its position a few
# times a second, so a pause and resume can leave a hairline gap that was never skipped.
JOIN_GAP = 0.25
PRECISION = 3  # decimal places kept, in seconds
DEFAULT_QUESTION = "What will you take from this scenario into your own practice?"


class InvalidRanges(ValueError):
    """The ranges sent are not a list of [start, end] pairs of seconds."""


class InvalidAnswer(ValueError):
    """No such decision point, or no such option at it."""


# -- watched ranges: pure functions ----------------------------------------------------------


def _number(value):
    # bool is an int subclass: true/false are not times.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidRanges("Each time must be a number of seconds.")
    value = float(value)
    if not math.isfinite(value):
        raise InvalidRanges("Each time must be a finite number of seconds.")
    return value


def clean_ranges(value, duration):
    """Validated [start, end] pairs from untrusted input, clamped to [0, duration] and
    rounded to PRECISION decimal places.

    Raises InvalidRanges for anything that is not a list of at most MAX_RANGES pairs of
    finite numbers with start <= end. Pairs wholly outside the video, or empty once
    clamped, are dropped (a player may report a time a fraction past the end)."""
    if not isinstance(value, list | tuple):
        raise InvalidRanges("Ranges must be a list of [start, end] pairs.")
    if len(value) > MAX_RANGES:
        raise InvalidRanges(f"Send at most {MAX_RANGES} ranges at a time.")
    cleaned = []
    for pair in value:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise InvalidRanges("Each range must be a [start, end] pair.")
        start, end = _number(pair[0]), _number(pair[1])
        if start > end:
            raise InvalidRanges("A range cannot end before it starts.")
        start, end = round(max(start, 0.0), PRECISION), round(min(end, float(duration)), PRECISION)
        if end > start:
            cleaned.append((start, end))
    return cleaned


def merge_ranges(*range_lists):
    """The union of clean [start, end] pairs, sorted, as lists: overlapping, touching and
    nearly touching (JOIN_GAP) ranges become one. Never a new value, only the ones given,
    so merging again (another beacon, the same ranges) changes nothing."""
    pairs = sorted(pair for ranges in range_lists for pair in ranges)
    merged = []
    for start, end in pairs:
        if merged and start <= merged[-1][1] + JOIN_GAP:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def watched_seconds(ranges):
    return sum(end - start for start, end in ranges)


def coverage(ranges, duration):
    """The fraction (0 to 1) of a video of `duration` seconds that `ranges` cover."""
    if not duration or duration <= 0:
        return 0.0
    return min(1.0, watched_seconds(ranges) / duration)


# -- the scenario's video, decision points and questions -------------------------------------


def playable_video(page):
    """The page's video if it is ready to play with a known duration, else None."""
    video = page.video
    if video is None or not video.is_ready or not video.duration or video.duration <= 0:
        return None
    return video


@dataclass(frozen=True)
class Option:
    index: int  # position at its decision point, from 0: what is recorded
    label: str
    commentary: str


@dataclass(frozen=True)
class DecisionPoint:
    index: int  # position in the page's StreamField, from 0: what is recorded
    block_id: str  # the StreamField block's id: survives an editor reordering the points
    number: int  # 1, 2, 3... in the order they come in the video: what people see
    seconds: int | None  # None only for a timestamp that no longer parses (never asked by the player)
    timestamp: str
    question: str
    context: str
    options: tuple

    @property
    def anchor(self):
        return f"decision-{self.number}"


def decision_points(page):
    """The page's decision points in the order they come in the video."""
    points = []
    for index, block in enumerate(page.decision_points):
        value = block.value
        try:
            seconds = timestamp_seconds(value.get("timestamp"))
        except ValueError:
            seconds = None
        options = tuple(
            Option(index=j, label=option.get("label") or "", commentary=option.get("commentary") or "")
            for j, option in enumerate(value.get("options") or [])
        )
        points.append((seconds if seconds is not None else math.inf, index, block, value, seconds, options))
    points.sort(key=lambda item: (item[0], item[1]))
    return [
        DecisionPoint(
            index=index,
            block_id=str(block.id or ""),
            number=number,
            seconds=seconds,
            timestamp=value.get("timestamp") or "",
            question=value.get("question") or "",
            context=value.get("context") or "",
            options=options,
        )
        for number, (_, index, block, value, seconds, options) in enumerate(points, start=1)
    ]


def point_at(page, index):
    """The decision point at StreamField position `index`; InvalidAnswer if there is none."""
    for point in decision_points(page):
        if point.index == index:
            return point
    raise InvalidAnswer("This scenario has no such decision point.")


def reflective_questions(page):
    """The page's reflective questions; one general question when the editor set none."""
    questions = [str(block.value) for block in page.reflective_questions if str(block.value).strip()]
    return questions or [DEFAULT_QUESTION]


# -- recording -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WatchResult:
    ranges: list
    coverage: float
    watched_to_end: bool


def record_watched(user, page, ranges):
    """Add the ranges a signed-in person played to their progress on `page`.

    Raises InvalidRanges for nonsense (see ``clean_ranges``) and for a page whose video
    cannot be played. The person's row is locked while it is read, merged and written
    (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions take the write
    lock first), so two beacons at once never lose each other's ranges, and the
    ``watched_to_end`` event is recorded once however many beacons cross 90%.
    """
    video = playable_video(page)
    if video is None:
        raise InvalidRanges("This scenario's video is not ready to play.")
    new = clean_ranges(ranges, video.duration)
    with transaction.atomic():
        progress, _ = WatchProgress.objects.select_for_update().get_or_create(user=user, page=page)
        try:
            kept = clean_ranges(progress.ranges, video.duration)
        except InvalidRanges:  # never written by us: start again rather than fail every beacon
            kept = []
        merged = merge_ranges(kept, new)
        if merged != progress.ranges:
            progress.ranges = merged
            progress.save(update_fields=["ranges", "updated_at"])
        fraction = coverage(merged, video.duration)
        watched = fraction >= WATCHED_FRACTION
        if watched:
            record_event(
                user, Verb.WATCHED_TO_END, page, data={"percent": math.floor(fraction * 100)}, once=True
            )
        else:
            watched = events_for(user, Verb.WATCHED_TO_END, page).exists()
    return WatchResult(ranges=merged, coverage=fraction, watched_to_end=watched)


def check_answer(page, index, option):
    """(point, option) for StreamField position `index` and option `option`; InvalidAnswer if
    either does not exist."""
    point = point_at(page, index)
    if not 0 <= option < len(point.options):
        raise InvalidAnswer(f"Decision point {point.number} has no such option.")
    return point, point.options[option]


def record_answer(user, page, index, option):
    """Record a person's answer (nothing for an anonymous visitor); (point, option, recorded)."""
    point, chosen = check_answer(page, index, option)
    event = record_event(
        user,
        Verb.ANSWERED_DECISION_POINT,
        page,
        data={"point": point.index, "option": chosen.index, "block": point.block_id},
    )
    return point, chosen, event is not None


def answers_for(user, page, points=None):
    """{point index: option index}: the person's latest answer at each current decision point.

    An answer is matched to its point by block id when it has one (so reordering the
    points in the editor keeps answers with their questions), else by position; answers
    to points or options that no longer exist are left out."""
    points = decision_points(page) if points is None else points
    by_block = {point.block_id: point for point in points if point.block_id}
    by_index = {point.index: point for point in points}
    answers = {}
    for event in events_for(user, Verb.ANSWERED_DECISION_POINT, page):
        data = event.data or {}
        point = by_block.get(data.get("block")) if data.get("block") else by_index.get(data.get("point"))
        option = data.get("option")
        if point is not None and isinstance(option, int) and 0 <= option < len(point.options):
            answers[point.index] = option
    return answers


def save_reflections(user, page, answers):
    """Keep a signed-in person's answers [(question, text), ...]; the learning record gets
    ``reflected`` once per page. Returns the new reflections."""
    with transaction.atomic():
        reflections = [
            Reflection.objects.create(user=user, page=page, question=question, answer=text)
            for question, text in answers
        ]
        if reflections:
            record_event(user, Verb.REFLECTED, page, once=True)
    return reflections


# -- what the scenario page shows ------------------------------------------------------------


def _chosen_from_query(request, points):
    """An anonymous visitor's answer, carried in the redirect after the no-JavaScript form:
    ?decision=<index>&option=<option>. Nothing about them is kept on the server."""
    try:
        index = int(request.GET.get("decision", ""))
    except ValueError:
        return {}
    for point in points:
        if point.index == index:
            try:
                option = int(request.GET.get("option", ""))
            except ValueError:
                return {}
            return {index: option} if 0 <= option < len(point.options) else {}
    return {}


def _query_error(request, points):
    """(point index, message) after the no-JavaScript form was sent without a choice."""
    if request.GET.get("error") != "choose":
        return None, ""
    try:
        index = int(request.GET.get("decision", ""))
    except ValueError:
        return None, ""
    if any(point.index == index for point in points):
        return index, "Select what you would do."
    return None, ""


PHONE_MEDIA = "(max-width: 40.0625em)"  # GOV.UK Frontend's tablet breakpoint


def _sources(video):
    """<source>s best first, after a small rendition offered to phones first: a browser
    plays the first source it can, and one that reads `media` skips it on a larger screen."""
    sources = [dict(source, media="") for source in video.web_sources]
    small = [source for source in sources if source.get("height") and source["height"] <= 360]
    if small and len(sources) > 1:
        sources.insert(0, dict(small[0], media=PHONE_MEDIA))
    return sources


def sign_in_url(page):
    return f"{reverse('account_login')}?{urlencode({'next': page.url or '/'})}"


def scenario_context(page, request, reflection_form=None):
    """Everything the player include (training/includes/player.html) needs, under one key.

    ScenarioPage.get_context merges this in. `reflection_form` is a bound form with errors
    to show again (the reflection view passes it); otherwise an empty one.
    """
    user = request.user
    signed_in = user.is_authenticated
    video = playable_video(page)
    points = decision_points(page)
    answers = answers_for(user, page, points) if signed_in else {}
    answers.update(_chosen_from_query(request, points))
    error_point, error_message = _query_error(request, points)
    questions = reflective_questions(page)

    progress_ranges = []
    watched = reflected = False
    if signed_in:
        progress = WatchProgress.objects.filter(user=user, page=page).only("ranges").first()
        progress_ranges = progress.ranges if progress else []
        watched = events_for(user, Verb.WATCHED_TO_END, page).exists()
        reflected = events_for(user, Verb.REFLECTED, page).exists()
    duration = video.duration if video else 0
    try:
        fraction = coverage(clean_ranges(progress_ranges, duration), duration) if video else 0.0
    except InvalidRanges:
        fraction = 0.0

    sources = _sources(video) if video else []
    tracks = []
    if video:
        first_captions = True
        for track in video.tracks.all():
            default = track.kind == "captions" and first_captions
            first_captions = first_captions and not default
            tracks.append(
                {
                    "kind": track.kind,
                    "srclang": track.language,
                    "label": track.label,
                    "src": track.url,
                    "default": default,
                }
            )

    point_rows = [
        {
            "point": point,
            "answer": answers.get(point.index),
            "chosen": point.options[answers[point.index]] if point.index in answers else None,
            "error": error_message if error_point == point.index else "",
            "action": reverse("training:answer", args=[page.pk, point.index]),
        }
        for point in points
    ]
    script_data = {
        "signedIn": signed_in,
        "duration": duration,
        "watchUrl": reverse("training:watch", args=[page.pk]),
        "total": len(points),
        "points": [
            {
                "index": point.index,
                "number": point.number,
                "seconds": point.seconds,
                "question": point.question,
                "context": point.context,
                "options": [
                    {"index": option.index, "label": option.label, "commentary": option.commentary}
                    for option in point.options
                ],
                "answerUrl": reverse("training:answer", args=[page.pk, point.index]),
            }
            for point in points
            if point.seconds is not None and point.seconds <= duration
        ],
    }
    reflections = list(Reflection.objects.filter(user=user, page=page)) if signed_in else []
    return {
        "scenario_player": {
            "page": page,
            "video": video,
            "sources": sources,
            "tracks": tracks,
            "poster": video.poster_url if video else "",
            "duration": duration,
            "decision_points": point_rows,
            "script_data": script_data,
            "signed_in": signed_in,
            "sign_in_url": sign_in_url(page),
            "questions": questions,
            "reflection_form": reflection_form or ReflectionForm(questions=questions),
            "reflection_action": reverse("training:reflections", args=[page.pk]),
            "reflections": reflections,
            "progress": {
                "coverage_percent": math.floor(fraction * 100),
                "watched": watched,
                "answered": sum(1 for point in points if point.index in answers) if signed_in else 0,
                "total_points": len(points),
                "reflected": reflected,
                "complete": watched and reflected,
            },
        }
    }
