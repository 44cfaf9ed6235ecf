"""WebVTT checking (captions.py): good files give cues; each kind of bad file is refused
with a message that names the line, because a caption file browsers cannot read simply
shows no captions, and the person uploading needs to know where to look."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from media.captions import (
    MAX_BYTES,
    Cue,
    Paragraph,
    format_time,
    read_track,
    transcript,
    validate_webvtt,
)

GOOD = """\ufeffWEBVTT - Sharing at the front door
Kind: captions
Language: en

NOTE Written for the demo scenario.
Two lines of comment.

STYLE
::cue(v[voice="Sam"]) { color: yellow }

REGION
id:lower
width:40%

opening
00:00.500 --> 00:02.000 line:0 position:10%,line-left align:start
<v Sam>Morning. I've had a call from the school &amp; I'm worried.</v>

00:02.000 --> 00:04.250
<v.calm Sam>Can we talk it through?

2
00:00:04.500 --> 00:00:06.000 region:lower
<v Priya Shah>Of course. What did they <i>tell</i> you?
Take your time.

00:09.000 --> 00:10.000
[Phone rings]

00:12.500 --> 00:14.000
Later that day.
"""


def errors_of(data, duration=None):
    """The (code, message) pairs validate_webvtt raises for ``data``."""
    with pytest.raises(ValidationError) as raised:
        validate_webvtt(data if isinstance(data, bytes) else data.encode(), duration)
    return [(error.code, error.message) for error in raised.value.error_list]


def test_good_file_gives_cues_with_plain_text_and_speakers():
    cues = validate_webvtt(GOOD.encode(), duration=14.0)

    assert cues == [
        Cue(0.5, 2.0, "Morning. I've had a call from the school & I'm worried.", "Sam"),
        Cue(2.0, 4.25, "Can we talk it through?", "Sam"),
        Cue(4.5, 6.0, "Of course. What did they tell you? Take your time.", "Priya Shah"),
        Cue(9.0, 10.0, "[Phone rings]", ""),
        Cue(12.5, 14.0, "Later that day.", ""),
    ]


def test_windows_line_endings_and_bare_header_are_fine():
    data = b"WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHello\r\n"
    assert validate_webvtt(data) == [Cue(1.0, 2.0, "Hello", "")]


def test_hours_may_be_more_than_two_digits_and_cues_may_share_a_start():
    data = b"WEBVTT\n\n100:00:01.000 --> 100:00:02.000\nA\n\n100:00:01.000 --> 100:00:03.000\nB\n"
    assert [cue.start for cue in validate_webvtt(data)] == [360001.0, 360001.0]


def test_missing_header_is_refused():
    [(code, message)] = errors_of("1\n00:00:01,000 --> 00:00:02,000\nAn SRT file\n")
    assert code == "no_header"
    assert message.startswith("Line 1:") and "WEBVTT" in message


def test_header_word_must_stand_alone():
    [(code, _)] = errors_of("WEBVTTX\n\n00:01.000 --> 00:02.000\nHi\n")
    assert code == "no_header"


def test_cue_straight_after_header_needs_a_blank_line():
    [(code, message)] = errors_of("WEBVTT\n00:01.000 --> 00:02.000\nHi\n")
    assert code == "missing_blank_line" and message.startswith("Line 2:")


def test_cue_ending_before_it_starts_is_refused_with_its_line():
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\nFine\n\n00:05.000 --> 00:04.000\nBackwards\n"
    [(code, message)] = errors_of(data)
    assert code == "end_before_start"
    assert message.startswith("Line 6:")
    assert "00:04.000" in message and "00:05.000" in message


def test_cue_ending_when_it_starts_is_refused():
    [(code, message)] = errors_of("WEBVTT\n\n00:05.000 --> 00:05.000\nNo time at all\n")
    assert code == "end_before_start" and "at the same time as" in message


def test_cues_out_of_order_are_refused():
    data = "WEBVTT\n\n00:05.000 --> 00:06.000\nSecond\n\n00:01.000 --> 00:02.000\nFirst\n"
    [(code, message)] = errors_of(data)
    assert code == "out_of_order"
    assert message.startswith("Line 6:") and "00:01.000" in message and "00:05.000" in message


def test_cue_past_the_end_of_the_video_is_refused_with_both_times():
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\nIn\n\n04:55.000 --> 05:03.000\nOut\n"
    [(code, message)] = errors_of(data, duration=298.0)
    assert code == "past_end"
    assert message.startswith("Line 6:")
    assert "5:03" in message and "4:58" in message


def test_cue_a_moment_past_the_end_is_within_tolerance():
    data = b"WEBVTT\n\n00:01.000 --> 00:10.400\nLast words\n"
    assert validate_webvtt(data, duration=10.0)[0].end == 10.4
    assert errors_of(data, duration=9.8)[0][0] == "past_end"


def test_unknown_duration_skips_the_end_check():
    assert validate_webvtt(b"WEBVTT\n\n59:00.000 --> 59:59.999\nLong\n", duration=0)


@pytest.mark.parametrize(
    "time, problem",
    [
        ("00:01.5", "three digits after the point"),
        ("00:01.5000", "three digits after the point"),
        ("00:61.000", "seconds must be below 60"),
        ("60:00.000", "minutes must be below 60"),
        ("01:60:00.000", "minutes must be below 60"),
        ("0:01.000", "two digits each"),
        ("00:1.000", "two digits each"),
        ("00:00:01,000", "should look like"),
        ("1.5", "should look like"),
    ],
)
def test_malformed_times_are_refused(time, problem):
    [(code, message)] = errors_of(f"WEBVTT\n\n{time} --> 00:09.000\nText\n")
    assert code == "bad_timestamp"
    assert message.startswith("Line 3:") and f"'{time}'" in message and problem in message


def test_missing_end_time_is_refused():
    [(code, _)] = errors_of("WEBVTT\n\n00:01.000 -->\nText\n")
    assert code == "bad_timestamp"


def test_not_utf8_is_refused_naming_the_line():
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\nCaf\u00e9\n".encode("latin-1")
    [(code, message)] = errors_of(data)
    assert code == "not_utf8" and message.startswith("Line 4:")


@pytest.mark.parametrize("data", [b"", b"  \n\n"])
def test_empty_file_is_refused(data):
    [(code, _)] = errors_of(data)
    assert code == "empty"


def test_header_without_cues_is_refused():
    [(code, _)] = errors_of("WEBVTT\n\nNOTE nothing here yet\n")
    assert code == "no_cues"


def test_cue_without_text_is_refused():
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n\n00:03.000 --> 00:04.000\nWords\n"
    [(code, message)] = errors_of(data)
    assert code == "empty_cue" and message.startswith("Line 3:")


def test_text_after_a_blank_line_inside_a_cue_is_refused():
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\nFirst line\n\nsecond line after a gap\n"
    [(code, message)] = errors_of(data)
    assert code == "bad_timing_line" and message.startswith("Line 6:")


def test_two_cues_without_a_blank_line_are_refused():
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n00:03.000 --> 00:04.000\nTwo\n"
    [(code, message)] = errors_of(data)
    assert code == "missing_blank_line" and message.startswith("Line 5:")


def test_too_big_file_is_refused_before_reading_it():
    data = b"WEBVTT\n\n" + b"x" * MAX_BYTES
    [(code, message)] = errors_of(data)
    assert code == "too_big" and "1 MB" in message


def test_every_problem_is_reported_not_just_the_first():
    data = "WEBVTT\n\n00:01.5 --> 00:02.000\nA\n\n00:09.000 --> 00:08.000\nB\n\n00:03.000 --> 00:04.000\nC\n"
    codes = [code for code, _ in errors_of(data)]
    assert codes == ["bad_timestamp", "end_before_start", "out_of_order"]


def test_transcript_merges_consecutive_cues_by_the_same_speaker():
    paragraphs = transcript(validate_webvtt(GOOD.encode()))

    assert paragraphs == [
        Paragraph(
            0.5, "Sam", "Morning. I've had a call from the school & I'm worried. Can we talk it through?"
        ),
        Paragraph(4.5, "Priya Shah", "Of course. What did they tell you? Take your time."),
        # No speaker: a pause of two seconds or more starts a new paragraph.
        Paragraph(9.0, "", "[Phone rings]"),
        Paragraph(12.5, "", "Later that day."),
    ]
    assert [paragraph.timestamp for paragraph in paragraphs] == ["0:00", "0:04", "0:09", "0:12"]


def test_transcript_keeps_unnamed_cues_together_without_a_pause():
    cues = [Cue(0, 1, "One."), Cue(1.5, 2, "Two."), Cue(5, 6, "Three.")]
    assert transcript(cues) == [Paragraph(0, "", "One. Two."), Paragraph(5, "", "Three.")]


def test_transcript_does_not_merge_a_speaker_across_someone_else():
    cues = [Cue(0, 1, "Hi.", "A"), Cue(1, 2, "Hello.", "B"), Cue(2, 3, "Bye.", "A")]
    assert [paragraph.speaker for paragraph in transcript(cues)] == ["A", "B", "A"]


@pytest.mark.parametrize(
    "seconds, text", [(0, "0:00"), (5.9, "0:05"), (65, "1:05"), (599.99, "9:59"), (3725, "1:02:05")]
)
def test_format_time(seconds, text):
    assert format_time(seconds) == text


def test_format_time_with_tenths():
    assert format_time(302.65, tenths=True) == "5:02.6"


class StoredTrack:
    """Stands in for a CaptionTrack: read_track only needs ``pk`` and ``file``."""

    def __init__(self, file):
        self.pk = 1
        self.file = file


@pytest.mark.django_db
def test_read_track_reads_the_stored_file(tmp_path, settings):
    from media.models import CaptionTrack

    settings.MEDIA_ROOT = str(tmp_path)
    field = CaptionTrack._meta.get_field("file")
    stored = field.storage.save("captions-test.vtt", ContentFile(GOOD.encode()))
    track = StoredTrack(field.attr_class(instance=None, field=field, name=stored))

    assert [cue.text for cue in read_track(track)][:1] == [
        "Morning. I've had a call from the school & I'm worried."
    ]


@pytest.mark.django_db
def test_read_track_is_empty_when_the_file_is_missing_or_damaged(tmp_path, settings, caplog):
    from media.models import CaptionTrack

    settings.MEDIA_ROOT = str(tmp_path)
    field = CaptionTrack._meta.get_field("file")
    missing = StoredTrack(field.attr_class(instance=None, field=field, name="gone.vtt"))
    damaged_name = field.storage.save("damaged.vtt", ContentFile(b"not a caption file"))
    damaged = StoredTrack(field.attr_class(instance=None, field=field, name=damaged_name))
    unset = StoredTrack(field.attr_class(instance=None, field=field, name=""))

    assert read_track(missing) == []
    assert read_track(damaged) == []
    assert read_track(unset) == []
    assert "could not be read" in caplog.text
