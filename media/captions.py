"""WebVTT caption files: a strict check on upload, cues for the page, and a transcript.

Why our own checker: webvtt-py 0.6.0 reads files leniently (``00:01.5`` is read as
1.5 seconds, ``0:1:5.2`` is accepted, cues may run backwards or out of order), and its
errors do not say where the problem is. Browsers silently drop cues they cannot read, so
a lenient upload means captions that quietly vanish for the people who need them. So the
structure of the file is walked here, line by line, and every problem is reported with
its line number in plain English.

What webvtt-py still does: once a cue has passed the checks, its text goes through
``webvtt.Caption`` for the parts it does well (stripping cue tags in linear time, and
reading the ``<v Speaker>`` voice span), so that code is not written twice. Parsing the
whole file a second time with webvtt-py would mean matching its cues back to ours for no
gain, so the timings are read here.

The checks follow the W3C WebVTT syntax, kept to what matters for captions:
a ``WEBVTT`` first line (a byte order mark and a header text after a space or tab
allowed), blocks separated by blank lines, NOTE / STYLE / REGION blocks skipped, an
optional cue identifier, ``start --> end`` with optional cue settings after it (kept,
not checked: players ignore settings they do not understand), then the cue text.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass

import webvtt
from django.core.cache import cache
from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

MAX_BYTES = 1_000_000
# How far a cue may run past the video's end: ffprobe's duration and the caption author's
# rounding differ by a frame or two, and a cue that outlasts the picture by half a
# second harms nobody.
DURATION_TOLERANCE = 0.5
# More problems than this and the list stops: the first few say what is wrong.
MAX_REPORTED = 10
# In a transcript without speaker names, a pause at least this long starts a new paragraph.
PARAGRAPH_PAUSE = 2.0

# Shape first (so the message can say what exactly is wrong), then the rules.
_TIME_SHAPE = re.compile(r"^(?:(\d{1,10}):)?(\d{1,4}):(\d{1,4})\.(\d{1,6})$")
_BLOCK_KEYWORD = re.compile(r"^(NOTE|STYLE|REGION)(?:[ \t].*)?$")
_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_TIME_FORMAT_HELP = (
    "Write times as minutes:seconds.milliseconds, like 01:05.250, or hours first, like 00:01:05.250."
)


@dataclass(frozen=True)
class Cue:
    """One caption: when it shows (seconds), its plain text and who speaks, if named."""

    start: float
    end: float
    text: str
    speaker: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A run of the transcript: one speaker's consecutive cues, with when it starts."""

    start: float
    speaker: str
    text: str

    @property
    def timestamp(self) -> str:
        return format_time(self.start)


def format_time(seconds: float, tenths: bool = False) -> str:
    """Seconds as people read them beside a video: 65 -> '1:05', 3725 -> '1:02:05'.

    Rounded down, so a paragraph is never labelled later than it starts. ``tenths``
    adds a decimal place, for messages where two times would otherwise look the same.
    """
    seconds = max(0.0, float(seconds))
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    if tenths:
        text += f".{int((seconds - whole) * 10)}"
    return text


def _parse_time(value: str, line_number: int) -> int | ValidationError:
    """A WebVTT timestamp as milliseconds, or the error saying what is wrong with it."""

    def error(problem):
        return ValidationError(
            f"Line {line_number}: '{value}' is not a valid time: {problem}. {_TIME_FORMAT_HELP}",
            code="bad_timestamp",
        )

    if not value:
        return ValidationError(
            f"Line {line_number}: a time is missing before or after the arrow (-->). {_TIME_FORMAT_HELP}",
            code="bad_timestamp",
        )
    match = _TIME_SHAPE.match(value)
    if not match:
        return error("it should look like 01:05.250")
    hours, minutes, seconds, fraction = match.groups()
    if len(fraction) != 3:
        return error("it needs exactly three digits after the point")
    if len(minutes) != 2 or len(seconds) != 2:
        return error("minutes and seconds need two digits each")
    if int(minutes) > 59:
        return error("minutes must be below 60")
    if int(seconds) > 59:
        return error("seconds must be below 60")
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction)


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValidationError(
            f"Line {line}: the file is not UTF-8 text. Save it with UTF-8 encoding (most editors "
            "offer this under 'Save as') and upload it again.",
            code="not_utf8",
        ) from None
    return text.removeprefix("\ufeff")


def _blocks(lines: list[str], first: int):
    """Groups of non-blank lines from ``lines[first:]``, each as (line number, lines)."""
    block, start = [], 0
    for index in range(first, len(lines)):
        if lines[index].strip():
            if not block:
                start = index + 1
            block.append(lines[index])
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def validate_webvtt(data: bytes, duration: float | None = None) -> list[Cue]:
    """Check a WebVTT file strictly and return its cues.

    ``duration`` is the video's length in seconds; when given (and not zero, which
    means unknown), no cue may end more than ``DURATION_TOLERANCE`` after it.
    Raises ``ValidationError`` with one message per problem, each naming its line.
    """
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"The file is {len(data) / 1_000_000:.1f} MB; a caption file can be at most "
            f"{MAX_BYTES // 1_000_000} MB.",
            code="too_big",
        )
    if not data.strip():
        raise ValidationError(
            "The file is empty. A caption file starts with the line WEBVTT, then the timed captions.",
            code="empty",
        )
    text = _decode(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _HEADER.match(lines[0]):
        raise ValidationError(
            "Line 1: a WebVTT file must start with the word WEBVTT on its own line "
            f"(found '{lines[0][:40]}'). Is this an SRT file or another format?",
            code="no_header",
        )

    errors: list[ValidationError] = []
    # The header runs to the first blank line; a cue inside it means that line is missing
    # (reported, and the cues are still checked from there).
    first_block = 1
    while first_block < len(lines) and lines[first_block].strip():
        if "-->" in lines[first_block]:
            errors.append(
                ValidationError(
                    f"Line {first_block + 1}: leave a blank line between the WEBVTT line and the first cue.",
                    code="missing_blank_line",
                )
            )
            break
        first_block += 1

    cues: list[Cue] = []
    previous_start: tuple[int, str] | None = None  # (milliseconds, as written)
    for line_number, block in _blocks(lines, first_block):
        if _BLOCK_KEYWORD.match(block[0]) and "-->" not in block[0]:
            continue  # NOTE, STYLE or REGION: not shown, nothing to check
        timing_index = 0 if "-->" in block[0] else 1
        if timing_index >= len(block) or "-->" not in block[timing_index]:
            found = block[min(timing_index, len(block) - 1)]
            errors.append(
                ValidationError(
                    f"Line {line_number + min(timing_index, len(block) - 1)}: expected cue times like "
                    f"00:01.000 --> 00:04.000 but found '{found[:60]}'. (A blank line ends a cue, so a "
                    "cue's text cannot contain blank lines.)",
                    code="bad_timing_line",
                )
            )
            continue
        timing_line = line_number + timing_index
        before, _, after = block[timing_index].partition("-->")
        start_text = before.strip()
        end_text, *_settings = after.split(None, 1) or [""]
        start = _parse_time(start_text, timing_line)
        end = _parse_time(end_text, timing_line)
        bad_times = [time for time in (start, end) if isinstance(time, ValidationError)]
        errors.extend(bad_times)

        payload = block[timing_index + 1 :]
        for offset, text_line in enumerate(payload):
            if "-->" in text_line:
                errors.append(
                    ValidationError(
                        f"Line {timing_line + 1 + offset}: leave a blank line between cues.",
                        code="missing_blank_line",
                    )
                )
                payload = payload[:offset]
                break
        caption = webvtt.Caption(text=payload)
        plain = " ".join(html.unescape(caption.text).split())
        if not plain:
            errors.append(
                ValidationError(
                    f"Line {timing_line}: this cue has no text. Add the words spoken, or remove the cue.",
                    code="empty_cue",
                )
            )
        if bad_times:
            continue

        if end <= start:
            when = "at the same time as" if end == start else "before"
            errors.append(
                ValidationError(
                    f"Line {timing_line}: this cue ends ({end_text}) {when} it starts ({start_text}). "
                    "The end time must be after the start time.",
                    code="end_before_start",
                )
            )
        if previous_start is not None and start < previous_start[0]:
            errors.append(
                ValidationError(
                    f"Line {timing_line}: this cue starts at {start_text}, before the cue above it "
                    f"({previous_start[1]}). Put the cues in time order.",
                    code="out_of_order",
                )
            )
        if duration and end / 1000 > duration + DURATION_TOLERANCE:
            precise = format_time(end / 1000) == format_time(duration)
            errors.append(
                ValidationError(
                    f"Line {timing_line}: this cue ends at {format_time(end / 1000, precise)}, after "
                    f"the video ends ({format_time(duration, precise)}). Check the caption file is for "
                    "this video.",
                    code="past_end",
                )
            )
        previous_start = (start, start_text)
        if plain:
            voice = caption.voice
            cues.append(
                Cue(
                    start=start / 1000,
                    end=end / 1000,
                    text=plain,
                    speaker=" ".join(html.unescape(voice).split()) if voice else "",
                )
            )

    if not errors and not cues:
        errors.append(
            ValidationError(
                "The file has no captions: after the WEBVTT line, add cues like "
                "'00:01.000 --> 00:04.000' followed by the words spoken.",
                code="no_cues",
            )
        )
    if errors:
        if len(errors) > MAX_REPORTED:
            more = len(errors) - MAX_REPORTED
            errors = errors[:MAX_REPORTED] + [
                ValidationError(f"…and {more} more problem{'s' if more > 1 else ''}.", code="more")
            ]
        raise ValidationError(errors)
    return cues


def transcript(cues: list[Cue]) -> list[Paragraph]:
    """The captions as paragraphs for reading: a new one whenever the speaker changes.

    Without speaker names every cue would merge into one wall of text, so unnamed cues
    also start a new paragraph after a pause of ``PARAGRAPH_PAUSE`` seconds.
    """
    paragraphs: list[Paragraph] = []
    previous: Cue | None = None
    for cue in cues:
        same_run = (
            previous is not None
            and paragraphs
            and cue.speaker == previous.speaker
            and (cue.speaker or cue.start - previous.end < PARAGRAPH_PAUSE)
        )
        if same_run:
            last = paragraphs[-1]
            paragraphs[-1] = Paragraph(last.start, last.speaker, f"{last.text} {cue.text}")
        else:
            paragraphs.append(Paragraph(cue.start, cue.speaker, cue.text))
        previous = cue
    return paragraphs


def read_track(track) -> list[Cue]:
    """The cues of a stored ``CaptionTrack``, for a page's transcript.

    Never raises: a missing or (since upload) damaged file gives no cues, logged, so the
    page still renders. Cached by file name, as a stored file is never changed in place
    (a replacement is saved under a new name), which spares object storage a request per
    page view.
    """
    name = track.file.name if track.file else ""
    if not name:
        return []
    key = f"media:vtt-cues:{name}"
    cues = cache.get(key)
    if cues is not None:
        return cues
    try:
        with track.file.storage.open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        cues = validate_webvtt(data)
    except (OSError, ValidationError) as error:
        logger.warning("Caption track %s (%s) could not be read: %s", track.pk, name, error)
        return []
    cache.set(key, cues, 24 * 3600)
    return cues
