"""Is this upload a video we can use? Decided by looking inside the file, never by its name.

An upload is refused with a plain-English message saying what to do next
(``VideoRejected.message``) when it is empty, too big, not a media file at all, a still
image, sound without pictures, of unknown length, too long, or cut short / damaged.
ffprobe (through ffmpeg-python's small ``ffmpeg.probe``) reads the container; a short
decode of the last two seconds with ffmpeg catches a file whose index is intact but
whose data stops early (an MP4 with "faststart" that did not finish copying).

Used by the admin form, ``pipeline.create_video`` and the transcode's check of its own
outputs, so every way in applies the same rules.
"""

import math
import os
import struct
import subprocess
from dataclasses import dataclass

import ffmpeg
from django.conf import settings

# Demuxers that read one picture, whatever the file is called.
STILL_IMAGE_FORMATS = {"image2", "ico", "svg"}
# Picture formats that may be animated: a still one if it has a single frame.
ANIMATED_IMAGE_FORMATS = {"gif", "webp", "apng"}
TAIL_SECONDS = 2.0
DECODE_TIMEOUT_SECONDS = 120
# Leading bytes of containers we could read if they were whole: a file that starts like
# one of these but cannot be opened is damaged, not "something else".
CONTAINER_SIGNATURES = (
    b"\x1a\x45\xdf\xa3",  # Matroska / WebM
    b"RIFF",  # AVI
    b"OggS",
    b"FLV",
    b"\x00\x00\x01\xba",  # MPEG program stream
    b"\x00\x00\x01\xb3",
)
MP4_BOX_TYPES = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid"}


class Message:
    """What the person uploading reads; each says what to do next."""

    EMPTY = "This file is empty. Choose the video file again."
    TOO_BIG = (
        "This file is {size}; the limit is {limit}. "
        "Export a smaller version (720p is plenty) and upload that."
    )
    NOT_MEDIA = (
        "This file is not a video we can read. Upload a video file, such as an MP4 (H.264), MOV or WebM."
    )
    STILL_IMAGE = "This is a still image, not a video. Upload the video file itself."
    AUDIO_ONLY = "This file has sound but no picture. Upload a video file that has both."
    NO_DURATION = (
        "We could not tell how long this video is, so it may be damaged. Export it again and upload it."
    )
    TOO_LONG = "This video is {length} long; the limit is {limit}. Trim it or split it into shorter videos."
    DAMAGED = (
        "This video seems incomplete or damaged; it may not have finished copying. "
        "Export it again and upload it."
    )


class VideoRejected(Exception):
    """The file cannot be used; ``message`` is for the person who uploaded it."""

    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Probe:
    """What ffprobe found: the first real (not cover-art) video stream and the first audio."""

    duration: float  # seconds
    width: int  # as displayed (a phone's rotation applied)
    height: int
    has_audio: bool
    video_codec: str
    audio_codec: str
    format_name: str
    frame_rate: float
    size: int  # bytes


def human_size(size):
    """500 MB, 1.5 GB (binary multiples, as the limit is set: 500 * 1024 * 1024 is 500 MB)."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            value = size / factor
            return f"{value:.1f} {unit}".replace(".0 ", " ") if value < 10 else f"{value:.0f} {unit}"
    return f"{size} bytes"


def human_duration(seconds):
    """'25 minutes', '20 minutes 30 seconds', '45 seconds', '1 minute'."""
    seconds = int(math.ceil(seconds))
    minutes, secs = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if secs or not minutes:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return " ".join(parts)


def probe_video(path):
    """Check the file at ``path`` and describe it; raise VideoRejected if it cannot be used."""
    size = os.path.getsize(path)
    if size == 0:
        raise VideoRejected(Message.EMPTY, "empty")
    limit = settings.VIDEO_MAX_UPLOAD_BYTES
    if size > limit:
        raise VideoRejected(Message.TOO_BIG.format(size=human_size(size), limit=human_size(limit)), "too_big")

    try:
        info = ffmpeg.probe(str(path), v="error")
    except ffmpeg.Error as error:
        raise _unreadable(path) from error
    except ValueError as error:  # ffprobe printed something that is not JSON
        raise VideoRejected(Message.NOT_MEDIA, "not_media") from error

    streams = info.get("streams", [])
    fmt = info.get("format", {})
    format_name = fmt.get("format_name", "")
    videos = [
        s
        for s in streams
        if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")
    ]
    audios = [s for s in streams if s.get("codec_type") == "audio"]

    if not videos:
        if audios:
            raise VideoRejected(Message.AUDIO_ONLY, "audio_only")
        raise VideoRejected(Message.NOT_MEDIA, "not_media")
    video = videos[0]
    if _is_still_image(format_name, video):
        raise VideoRejected(Message.STILL_IMAGE, "still_image")
    if video.get("codec_name") in (None, "", "none", "unknown"):
        raise VideoRejected(Message.NOT_MEDIA, "not_media")

    duration = _first_number(fmt.get("duration"), video.get("duration"))
    if not duration or duration <= 0:
        raise VideoRejected(Message.NO_DURATION, "no_duration")
    max_seconds = settings.VIDEO_MAX_SECONDS
    if duration > max_seconds:
        raise VideoRejected(
            Message.TOO_LONG.format(length=human_duration(duration), limit=human_duration(max_seconds)),
            "too_long",
        )

    width, height = int(video.get("width") or 0), int(video.get("height") or 0)
    if not width or not height:
        raise VideoRejected(Message.DAMAGED, "damaged")
    if _rotation(video) % 180 == 90:
        width, height = height, width

    if not _tail_decodes(path, duration):
        raise VideoRejected(Message.DAMAGED, "damaged")

    return Probe(
        duration=duration,
        width=width,
        height=height,
        has_audio=bool(audios),
        video_codec=video.get("codec_name", ""),
        audio_codec=audios[0].get("codec_name", "") if audios else "",
        format_name=format_name,
        frame_rate=_frame_rate(video.get("avg_frame_rate")) or _frame_rate(video.get("r_frame_rate")),
        size=size,
    )


def _unreadable(path):
    """ffprobe could not open it: a container we know, cut short, or something else entirely?"""
    with open(path, "rb") as f:
        head = f.read(16)
    if len(head) >= 8 and head[4:8] in MP4_BOX_TYPES:
        # An MP4 / MOV whose index (the "moov" box) is missing: it stopped copying early.
        return VideoRejected(Message.DAMAGED, "damaged")
    if head.startswith(CONTAINER_SIGNATURES) or head[:1] == b"\x47":  # 0x47: MPEG-TS sync byte
        return VideoRejected(Message.DAMAGED, "damaged")
    return VideoRejected(Message.NOT_MEDIA, "not_media")


def _is_still_image(format_name, video):
    names = set(format_name.split(","))
    if names & STILL_IMAGE_FORMATS or any(name.endswith("_pipe") for name in names):
        return True
    frames = str(video.get("nb_frames", ""))
    if names & ANIMATED_IMAGE_FORMATS:
        return not frames.isdigit() or int(frames) <= 1
    return frames == "1"


def _first_number(*values):
    for value in values:
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number):
            return number
    return None


def _frame_rate(value):
    try:
        num, _, den = str(value).partition("/")
        return float(num) / float(den or 1)
    except (ValueError, ZeroDivisionError):
        return 0.0


def _rotation(video):
    for side_data in video.get("side_data_list", []):
        if "rotation" in side_data:
            return int(float(side_data["rotation"]))
    return int(float(video.get("tags", {}).get("rotate", 0) or 0))


def _tail_decodes(path, duration):
    """Decode the last couple of seconds: errors, or much less decoded than expected, mean
    the data stops before the index says it does."""
    command = [
        "ffmpeg", "-nostdin", "-hide_banner", "-v", "error",
        "-sseof", f"-{TAIL_SECONDS:g}", "-i", str(path),
        "-f", "null", "-progress", "pipe:1", "-nostats", "-",
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, timeout=DECODE_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return False
    if result.returncode != 0 or result.stderr.strip():
        return False
    decoded = 0.0
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition("=")
        if key == "out_time_us" and value.strip().lstrip("-").isdigit():
            decoded = max(decoded, int(value) / 1_000_000)
    expected = min(TAIL_SECONDS, duration)
    # Timestamps count frames' starts: allow a frame or two and a keyframe's slack.
    return decoded >= expected * 0.5


def moov_before_mdat(path):
    """True if an MP4's index comes before its media data ("faststart"), so a browser can
    start playing before the whole file has arrived."""
    with open(path, "rb") as f:
        while True:
            header = f.read(8)
            if len(header) < 8:
                return False
            size, box = struct.unpack(">I4s", header)
            if box == b"moov":
                return True
            if box == b"mdat":
                return False
            if size == 1:  # 64-bit size follows
                size = struct.unpack(">Q", f.read(8))[0]
                f.seek(size - 16, os.SEEK_CUR)
            elif size == 0:
                return False
            else:
                f.seek(size - 8, os.SEEK_CUR)


def duration_and_audio(path):
    """For the transcode, on an original already accepted: its length and whether it has
    sound (the limits are not applied again; they may have changed since)."""
    try:
        info = ffmpeg.probe(str(path), v="error")
    except ffmpeg.Error as error:
        raise VideoRejected(Message.DAMAGED, "damaged") from error
    streams = info.get("streams", [])
    duration = _first_number(info.get("format", {}).get("duration"))
    return duration or 0.0, any(s.get("codec_type") == "audio" for s in streams)
