"""Turn an uploaded video into what browsers play: one ffmpeg run, three outputs.

``build_command`` is a pure function (paths and numbers in, argument list out) so the
benchmark runs the very same command by hand. One decode of the original feeds, through
a split filter, an H.264/AAC MP4 at up to 720p, a 360p one (scaled from the 720p
picture, which is cheaper than from the original) and a JPEG poster a few seconds in.
Both MP4s have their index first (``+faststart``) so playback starts before the whole
file arrives. Metadata is dropped: a phone's recording can carry where it was made.

``run_ffmpeg`` reads ffmpeg's ``-progress`` output to report a percentage, and turns a
non-zero exit into ``TranscodeFailed`` with a short human summary plus ffmpeg's last
error line; an ffmpeg whose position stops moving for ``STALL_TIMEOUT_SECONDS`` is
stopped and reported the same way. ``check_outputs`` probes what was written before anything is kept. Nothing
here touches the database or storage: tasks.py does, so a failed run leaves nothing
behind but a temporary directory that is removed.
"""

import ctypes
import os
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from subprocess import DEVNULL, PIPE, Popen

import ffmpeg

from .probe import moov_before_mdat

POSTER_SECONDS = 3.0
PROGRESS_INTERVAL_SECONDS = 1.0
#: ffmpeg whose output position has not moved for this long is stopped (a hung read of the
#: original, a filter that never ends): a worker is never held by it for ever.
STALL_TIMEOUT_SECONDS = 300.0
# Renditions: (name, the shorter side at most, x264 quality, peak video bit rate, audio bit rate).
RENDITIONS = (
    ("720", 720, 23, "3000k", "128k"),
    ("360", 360, 26, "900k", "96k"),
)
GENERIC_STDERR_LINES = {"conversion failed!", "exiting normally, received signal 2."}


class TranscodeFailed(Exception):
    """ffmpeg failed or wrote something unusable; ``reason`` is for the admin's status."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class TranscodeCancelled(Exception):
    """The progress callback asked to stop (the video was replaced, deleted or reclaimed)."""


@dataclass(frozen=True)
class Outputs:
    mp4_720: Path
    mp4_360: Path
    poster: Path

    @classmethod
    def in_dir(cls, directory):
        directory = Path(directory)
        return cls(directory / "720.mp4", directory / "360.mp4", directory / "poster.jpg")


def poster_time(duration):
    """A few seconds in (past a fade from black), but inside even a very short clip."""
    return min(POSTER_SECONDS, duration / 3)


def _fit(short_side):
    """scale= arguments: the shorter side at most ``short_side`` (never upscaled), the
    other side following the aspect ratio, both even (H.264 with 4:2:0 needs that).
    Written as filter expressions so a phone video's rotation, applied by ffmpeg before
    the filter, is taken into account."""
    even_min_w = f"trunc(min({short_side},iw)/2)*2"
    even_min_h = f"trunc(min({short_side},ih)/2)*2"
    return f"w='if(gte(iw,ih),-2,{even_min_w})':h='if(gte(iw,ih),{even_min_h},-2)'"


def build_command(source, outputs, *, duration, preset="veryfast"):
    """The one ffmpeg invocation the pipeline runs (see the module docstring)."""
    (_, side_720, crf_720, max_720, audio_720), (_, side_360, crf_360, max_360, audio_360) = RENDITIONS
    graph = ";".join(
        [
            f"[0:v:0]scale={_fit(side_720)},format=yuv420p,split=3[v720][to360][toposter]",
            f"[to360]scale={_fit(side_360)}[v360]",
            f"[toposter]trim=start={poster_time(duration):.3f},setpts=PTS-STARTPTS[poster]",
        ]
    )

    def mp4(label, crf, maxrate, audio_rate, path):
        return [
            "-map", label, "-map", "0:a:0?",
            "-c:v", "libx264", "-preset", preset, "-crf", str(crf),
            "-maxrate", maxrate, "-bufsize", f"{2 * int(maxrate[:-1])}k",
            "-c:a", "aac", "-b:a", audio_rate,
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-movflags", "+faststart", str(path),
        ]  # fmt: skip

    return [
        "ffmpeg", "-nostdin", "-y", "-hide_banner", "-v", "error",
        "-progress", "pipe:1", "-nostats",
        "-i", str(source),
        "-filter_complex", graph,
        *mp4("[v720]", crf_720, max_720, audio_720, outputs.mp4_720),
        *mp4("[v360]", crf_360, max_360, audio_360, outputs.mp4_360),
        "-map", "[poster]", "-frames:v", "1", "-q:v", "3",
        "-map_metadata", "-1", str(outputs.poster),
    ]  # fmt: skip


class _StallWatch(threading.Thread):
    """Kills ``process`` when :meth:`moved` has not been called for ``seconds``."""

    def __init__(self, process, seconds):
        super().__init__(daemon=True, name="ffmpeg-stall-watch")
        self.process = process
        self.seconds = seconds
        self.last_move = time.monotonic()
        self.fired = False
        self._done = threading.Event()

    def moved(self):
        self.last_move = time.monotonic()

    def run(self):
        while not self._done.wait(min(1.0, self.seconds / 4)):
            if time.monotonic() - self.last_move > self.seconds:
                self.fired = True
                self.process.kill()
                return

    def stop(self):
        self._done.set()


def run_ffmpeg(command, *, duration, on_progress=None):
    """Run ``command``; call ``on_progress(percent)`` at most about once a second while it
    works (a false return stops ffmpeg and raises TranscodeCancelled). Raises
    TranscodeFailed when ffmpeg exits non-zero, or when its output position stays put for
    :data:`STALL_TIMEOUT_SECONDS` (it is stopped)."""
    with tempfile.TemporaryFile() as stderr:
        process = Popen(command, stdin=DEVNULL, stdout=PIPE, stderr=stderr, preexec_fn=_die_with_parent)
        watch = _StallWatch(process, STALL_TIMEOUT_SECONDS)
        watch.start()
        cancelled = False
        last_report = 0.0
        out_time = 0.0
        try:
            for raw in process.stdout:
                key, _, value = raw.decode("utf-8", "replace").strip().partition("=")
                if key in ("out_time_us", "out_time_ms"):  # both are microseconds
                    if value.isdigit() and int(value) / 1_000_000 > out_time:
                        out_time = int(value) / 1_000_000
                        watch.moved()
                elif key == "progress" and on_progress is not None:
                    now = time.monotonic()
                    if now - last_report >= PROGRESS_INTERVAL_SECONDS or value == "end":
                        last_report = now
                        percent = min(99, int(100 * out_time / duration)) if duration else 0
                        if on_progress(percent) is False:
                            cancelled = True
                            process.kill()
                            break
        finally:
            watch.stop()
            process.stdout.close()
            returncode = process.wait()
        if cancelled:
            raise TranscodeCancelled
        if watch.fired:
            raise TranscodeFailed(
                f"ffmpeg made no progress for {STALL_TIMEOUT_SECONDS:g} seconds, so it was stopped. "
                "Try again; if it happens again, the file may be damaged."
            )
        if returncode != 0:
            stderr.seek(0)
            raise TranscodeFailed(_failure_reason(returncode, stderr.read()))


def _die_with_parent():
    """In the child, before ffmpeg starts: if the worker dies, ffmpeg is killed too (ffmpeg
    ignores SIGPIPE, so a lost progress pipe would not stop it: it would run on, unseen,
    beside the retry). Linux only; elsewhere the start-up hook's stale check still works."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _failure_reason(returncode, stderr):
    if returncode < 0:
        name = signal.Signals(-returncode).name if -returncode in signal.valid_signals() else -returncode
        summary = f"The conversion was stopped before it finished ({name})."
    else:
        summary = "ffmpeg could not convert this video."
    lines = [
        line.strip()
        for line in stderr.decode("utf-8", "replace").splitlines()
        if line.strip() and line.strip().lower() not in GENERIC_STDERR_LINES
    ]
    if lines:
        summary += f" ffmpeg said: {lines[-1][:300]}"
    return summary


def check_outputs(outputs, *, duration, has_audio):
    """Probe what ffmpeg wrote; raise TranscodeFailed unless every output is usable."""
    for path in (outputs.mp4_720, outputs.mp4_360):
        name = f"The {path.stem}p rendition"
        info = _probe(path, name)
        codecs = {s.get("codec_type"): s.get("codec_name") for s in info.get("streams", [])}
        if codecs.get("video") != "h264":
            raise TranscodeFailed(f"{name} has no H.264 picture.")
        if has_audio and codecs.get("audio") != "aac":
            raise TranscodeFailed(f"{name} has no AAC sound.")
        written = float(info.get("format", {}).get("duration") or 0)
        if written < duration * 0.9 - 0.5:
            raise TranscodeFailed(f"{name} is {written:.1f} seconds long, not {duration:.1f}.")
        if not moov_before_mdat(path):
            raise TranscodeFailed(f"{name} cannot start playing before it has all downloaded.")
    info = _probe(outputs.poster, "The poster")
    if not any(s.get("codec_name") == "mjpeg" for s in info.get("streams", [])):
        raise TranscodeFailed("The poster is not a JPEG image.")


def _probe(path, name):
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        raise TranscodeFailed(f"{name} was not written.")
    try:
        return ffmpeg.probe(str(path), v="error")
    except ffmpeg.Error as error:
        raise TranscodeFailed(f"{name} cannot be read back.") from error


def transcode_file(source, directory, *, duration, has_audio, preset="veryfast", on_progress=None):
    """Make the renditions and poster of ``source`` in ``directory`` and check them."""
    outputs = Outputs.in_dir(directory)
    run_ffmpeg(
        build_command(source, outputs, duration=duration, preset=preset),
        duration=duration,
        on_progress=on_progress,
    )
    check_outputs(outputs, duration=duration, has_audio=has_audio)
    return outputs
