"""Short demo videos made on this machine: drawn scenes, synthetic speech and matching captions.

A demo scenario's script (``demo_scenarios.py``) is a list of scenes, each a list of spoken
lines and ``DECISION`` markers. From it this module makes:

* one WAV per spoken piece with ``espeak-ng`` (a line, split into caption-sized pieces at
  sentence ends when it is long), or, when espeak-ng is missing, a quiet tone as long as
  the piece would take to say; joined with short silences into one soundtrack;
* a timeline planned from the length of each piece, read exactly from its WAV's frame
  count (:func:`plan`), so every caption cue starts and ends when its words are heard and
  every decision point falls on a "Pause and think" card inside the clip;
* an MP4 at ``settings.DEMO_VIDEO_SIZE``: ffmpeg ``color`` sources, one per background
  (title card, each scene, the pause cards), concatenated, with ``drawtext`` over them
  (the title, each scene's title, the speaker's role while they speak, the decision
  question); plain coloured scenes if drawtext or a font is not available;
* a WebVTT file with one cue per spoken piece, in ``<v Speaker>`` voice spans.

Generated clips are kept under ``DATA_DIR/demo_videos/<content hash>.*``: the hash covers
the script, the size, the speech engine and this generator's version, so a repeat run
reuses them and any change makes a new one.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import struct
import subprocess
import tempfile
import textwrap
import wave
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from webvtt import Caption, WebVTT

GENERATOR_VERSION = 1
DECISION = "decision"  # in a scene's lines: a decision point comes here
DEFAULT_QUESTION = "What would you share, and with whom?"

TITLE_SECONDS = 3.0  # the opening card
SCENE_LEAD_IN = 1.2  # a scene's title shows alone before the first line
GAP_AFTER_LINE = 0.45
GAP_IN_LINE = 0.2  # between two caption-sized pieces of one line
CUE_CHARACTERS = 84  # about two caption lines
PAUSE_CARD_SECONDS = 3.0  # a decision point's card; its whole-second timestamp falls inside
TONE_SECONDS_PER_WORD = 0.4  # the tone fallback: about espeak-ng's pace at 150 words a minute
SAMPLE_RATE = 22050  # espeak-ng's own rate
CARD_COLOUR = "0x0b0c0c"  # the title and pause cards: GOV.UK's near-black
FPS = 10  # drawn, still scenes: enough for text changing with the captions, cheap to encode
VOICES = ("en-gb+f3", "en-gb+m3", "en-gb+f4", "en-gb+m7", "en-gb+f2")
NARRATOR_VOICE = "en-gb"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


class DemoVideoError(RuntimeError):
    """ffmpeg or espeak-ng failed while making a demo video."""


# --------------------------------------------------------------------------
# Planning: pure, from line lengths to a timeline
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    speaker: str
    text: str


@dataclass(frozen=True)
class SceneSpan:
    title: str
    colour: str
    start: float
    end: float


@dataclass
class Timeline:
    """Where everything happens in the clip, in seconds."""

    title: str
    duration: float = 0.0
    scenes: list[SceneSpan] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    pauses: list[float] = field(default_factory=list)  # decision cards' start times
    questions: list[str] = field(default_factory=list)  # shown on the decision cards

    @property
    def decision_seconds(self) -> list[int]:
        """Each decision point's whole-second timestamp: the first whole second of its card."""
        return [math.ceil(start + 0.05) for start in self.pauses]


def caption_chunks(text, limit=CUE_CHARACTERS) -> list[str]:
    """A line's text in caption-sized pieces: sentences (or clauses), joined while they fit."""
    pieces = []
    for sentence in re.split(r"(?<=[.?!])\s+", text.strip()):
        # A sentence too long for one cue is split after its commas.
        pieces += re.split(r"(?<=,)\s+", sentence) if len(sentence) > limit else [sentence]
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1]) + 1 + len(piece) <= limit:
            chunks[-1] += " " + piece
        else:
            chunks.append(piece)
    return chunks


def spoken_lines(script):
    """(speaker, text) of every cue, in order: each scripted line in caption-sized pieces."""
    return [
        (entry[0], chunk)
        for scene in script
        for entry in scene["lines"]
        if entry != DECISION
        for chunk in caption_chunks(entry[1])
    ]


def plan(title, script, line_seconds, questions=()) -> Timeline:
    """The timeline of a script whose n-th spoken piece (see :func:`spoken_lines`) lasts
    ``line_seconds[n]``; ``questions`` are shown on the decision cards, in order."""
    timeline = Timeline(title=title)
    t = TITLE_SECONDS
    lengths = iter(line_seconds)
    for scene in script:
        start = t
        t += SCENE_LEAD_IN
        for entry in scene["lines"]:
            if entry == DECISION:
                timeline.pauses.append(t)
                t += PAUSE_CARD_SECONDS
                continue
            speaker, text = entry
            chunks = caption_chunks(text)
            for n, chunk in enumerate(chunks):
                length = next(lengths)
                timeline.cues.append(Cue(t, t + length, speaker, chunk))
                t += length + (GAP_IN_LINE if n < len(chunks) - 1 else GAP_AFTER_LINE)
        timeline.scenes.append(SceneSpan(scene["scene"], scene.get("colour", "#1d4f6e"), start, t))
    timeline.duration = t
    timeline.questions = list(questions)
    return timeline


def vtt_timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def webvtt_text(timeline: Timeline, width=42) -> str:
    """One cue per spoken line, the speaker in a voice span, wrapped to two short lines or so."""
    captions = [
        Caption(
            vtt_timestamp(cue.start),
            vtt_timestamp(cue.end),
            f"<v {cue.speaker}>" + "\n".join(textwrap.wrap(cue.text, width)),
        )
        for cue in timeline.cues
    ]
    return WebVTT(captions=captions).content


# --------------------------------------------------------------------------
# Sound: espeak-ng lines (or tones) joined with silence
# --------------------------------------------------------------------------


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def speech_engine() -> str:
    """What makes the voices, for the cache key: espeak-ng's version, or 'tone'."""
    if not espeak_available():
        return "tone"
    result = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or "espeak-ng"


def voice_for(speaker, voices: dict) -> str:
    if speaker not in voices:
        voices[speaker] = NARRATOR_VOICE if speaker == "Narrator" else VOICES[len(voices) % len(VOICES)]
    return voices[speaker]


def read_samples(path) -> tuple[bytes, float]:
    """(16-bit mono frames at SAMPLE_RATE, seconds) of a WAV espeak-ng wrote."""
    with wave.open(str(path), "rb") as wav:
        if (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) != (1, 2, SAMPLE_RATE):
            raise DemoVideoError(f"unexpected WAV format from espeak-ng: {wav.getparams()}")
        frames = wav.readframes(wav.getnframes())
    return frames, len(frames) / 2 / SAMPLE_RATE


def speak(text, voice, path) -> tuple[bytes, float]:
    result = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", "150", "-w", str(path), text],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise DemoVideoError(f"espeak-ng failed: {result.stderr.strip()[:300]}")
    return read_samples(path)


def tone(seconds, frequency=440.0, volume=0.15) -> bytes:
    """A quiet sine tone with short fades, standing in for a spoken line."""
    count = int(seconds * SAMPLE_RATE)
    fade = int(0.02 * SAMPLE_RATE)
    samples = []
    for n in range(count):
        envelope = min(1.0, n / fade, (count - n) / fade) if fade else 1.0
        samples.append(int(32767 * volume * envelope * math.sin(2 * math.pi * frequency * n / SAMPLE_RATE)))
    return struct.pack(f"<{count}h", *samples)


def silence(seconds) -> bytes:
    return b"\x00\x00" * round(seconds * SAMPLE_RATE)


def line_sounds(script, workdir: Path, use_speech: bool) -> list[tuple[bytes, float]]:
    voices: dict = {}
    sounds = []
    for n, (speaker, text) in enumerate(spoken_lines(script)):
        if use_speech:
            sounds.append(speak(text, voice_for(speaker, voices), workdir / f"line{n:03d}.wav"))
        else:
            seconds = max(1.2, len(text.split()) * TONE_SECONDS_PER_WORD)
            sounds.append((tone(seconds, frequency=330.0 + 110 * (n % 3)), seconds))
    return sounds


def soundtrack(timeline: Timeline, sounds, path: Path):
    """One WAV with each line placed at its cue's start, silence elsewhere."""
    frames = bytearray()
    for cue, (samples, _) in zip(timeline.cues, sounds, strict=True):
        frames += silence(cue.start - len(frames) / 2 / SAMPLE_RATE)
        frames += samples
    frames += silence(timeline.duration - len(frames) / 2 / SAMPLE_RATE)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(bytes(frames))


# --------------------------------------------------------------------------
# Pictures: one ffmpeg run drawing the scenes over a colour source
# --------------------------------------------------------------------------


def find_font() -> str | None:
    if shutil.which("fc-match"):
        result = subprocess.run(
            ["fc-match", "-f", "%{file}", "DejaVu Sans:bold"], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and result.stdout.strip().endswith((".ttf", ".otf")):
            return result.stdout.strip()
    return next((path for path in FONT_CANDIDATES if os.path.exists(path)), None)


def drawtext_available() -> bool:
    result = subprocess.run(
        ["ffmpeg", "-hide_banner", "-filters"], capture_output=True, text=True, check=False
    )
    return " drawtext " in result.stdout


def parse_size(size: str) -> tuple[int, int]:
    width, height = (int(part) for part in size.lower().split("x"))
    return width, height


def _escape_path(path) -> str:
    # drawtext options are parsed twice (filtergraph, then option): quote the path.
    return "'" + str(path).replace("\\", "\\\\").replace("'", "\\'").replace(":", "\\:") + "'"


def _between(start, end) -> str:
    return f"enable='between(t,{start:.3f},{end:.3f})'"


def segments(timeline: Timeline) -> list[tuple[str, int]]:
    """(colour, frames) of each plain background in turn: title card, scenes, pause cards.

    Boundaries are rounded to whole frames once, so the segments add up exactly to the
    clip and never drift from the soundtrack."""
    marks = [(0.0, CARD_COLOUR)]
    for scene in timeline.scenes:
        marks.append((scene.start, scene.colour.replace("#", "0x")))
        for start in timeline.pauses:
            if scene.start <= start < scene.end:
                marks += [(start, CARD_COLOUR), (start + PAUSE_CARD_SECONDS, scene.colour.replace("#", "0x"))]
    frames = [round(at * FPS) for at, _ in marks] + [round(timeline.duration * FPS)]
    lengths = [(colour, frames[n + 1] - frames[n]) for n, (_, colour) in enumerate(marks)]
    return [(colour, count) for colour, count in lengths if count > 0]


def text_filters(timeline: Timeline, height: int, font: str, workdir: Path) -> list[str]:
    """drawtext filters: the title card, each scene's title, the speaker's role, the pause cards."""
    filters = []
    texts = {}

    def text_file(text):
        if text not in texts:
            path = workdir / f"text{len(texts):03d}.txt"
            path.write_text(text, encoding="utf-8")
            texts[text] = path
        return texts[text]

    def draw(text, size, y, start, end, box=None):
        options = [
            f"fontfile={_escape_path(font)}",
            f"textfile={_escape_path(text_file(text))}",
            "expansion=none",
            f"fontsize={size}",
            "fontcolor=white",
            "x=(w-text_w)/2",
            f"y={y}",
        ]
        if box:
            options += ["box=1", f"boxcolor={box}", f"boxborderw={max(2, size // 3)}"]
        filters.append("drawtext=" + ":".join(options) + ":" + _between(start, end))

    big, small = max(10, height // 14), max(8, height // 24)
    for n, line in enumerate(textwrap.wrap(timeline.title, 40)):
        draw(line, big, f"h*0.32+{n * big * 1.4:.0f}", 0, TITLE_SECONDS)
    draw("A fictional scenario", small, "h*0.7", 0, TITLE_SECONDS)
    for scene in timeline.scenes:
        draw(scene.title, small, "h*0.08", scene.start, scene.end, box="black@0.35")
    for cue in timeline.cues:
        draw(cue.speaker, big, "h*0.4", cue.start, cue.end, box="black@0.25")
    for n, start in enumerate(timeline.pauses):
        end = start + PAUSE_CARD_SECONDS
        question = timeline.questions[n] if n < len(timeline.questions) else DEFAULT_QUESTION
        draw("Pause and think", big, "h*0.3", start, end)
        for k, line in enumerate(textwrap.wrap(question, 48)):
            draw(line, small, f"h*0.5+{k * small * 1.4:.0f}", start, end)
    return filters


def render_command(timeline: Timeline, audio: Path, out: Path, size: str, font: str | None, workdir: Path):
    """The ffmpeg argv: one lavfi colour input per background, concatenated, text drawn over
    (when there is a font), the soundtrack muxed in; H.264/AAC MP4."""
    width, height = parse_size(size)
    parts = segments(timeline)
    command = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
    for colour, frames in parts:
        command += ["-f", "lavfi", "-i", f"color=c={colour}:s={width}x{height}:r={FPS}:d={frames / FPS:.3f}"]
    command += ["-i", str(audio)]
    graph = "".join(f"[{n}:v]" for n in range(len(parts))) + f"concat=n={len(parts)}:v=1:a=0"
    if font:
        graph += "," + ",".join(text_filters(timeline, height, font, workdir))
    (workdir / "graph.txt").write_text(graph + "[v]", encoding="utf-8")
    command += [
        "-filter_complex_script", str(workdir / "graph.txt"),
        "-map", "[v]", "-map", f"{len(parts)}:a",
        # The source for the pipeline, which re-encodes it: fast beats small here.
        "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "64k",  # speech at espeak-ng's 22.05 kHz
        "-t", f"{timeline.duration:.3f}", "-movflags", "+faststart",
        str(out),
    ]  # fmt: skip
    return command


def render(timeline: Timeline, audio: Path, out: Path, size: str, font: str | None, workdir: Path):
    """Draw the clip and mux the soundtrack."""
    command = render_command(timeline, audio, out, size, font, workdir)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise DemoVideoError(f"ffmpeg could not draw the demo video: {result.stderr.strip()[-500:]}")


# --------------------------------------------------------------------------
# The whole job, cached
# --------------------------------------------------------------------------


@dataclass
class GeneratedVideo:
    path: Path  # the MP4
    captions: Path  # the WebVTT file
    duration: float
    decision_seconds: list[int]
    generated: bool  # False when it came from the cache


def cache_dir() -> Path:
    return Path(settings.DATA_DIR) / "demo_videos"


def video_size() -> str:
    return getattr(settings, "DEMO_VIDEO_SIZE", "1280x720")


def cache_key(title, script, questions, size, engine, font) -> str:
    data = {
        "version": GENERATOR_VERSION,
        "title": title,
        "script": script,
        "questions": list(questions),
        "size": size,
        "engine": engine,
        "font": bool(font),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:24]


def generate(title, script, questions=(), size=None, on_generate=None) -> GeneratedVideo:
    """The clip, captions and decision timestamps for a script: from the cache, or made now.

    ``questions`` are the decision points' questions, shown on the pause cards;
    ``on_generate()`` is called when the clip is not cached and is about to be made."""
    size = size or video_size()
    engine = speech_engine()
    font = find_font() if drawtext_available() else None
    key = cache_key(title, script, questions, size, engine, font)
    folder = cache_dir()
    mp4, vtt, meta = folder / f"{key}.mp4", folder / f"{key}.vtt", folder / f"{key}.json"
    if mp4.exists() and vtt.exists() and meta.exists():
        data = json.loads(meta.read_text(encoding="utf-8"))
        return GeneratedVideo(mp4, vtt, data["duration"], data["decision_seconds"], generated=False)

    if on_generate is not None:
        on_generate()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="demo-video-") as tmp:
        workdir = Path(tmp)
        sounds = line_sounds(script, workdir, use_speech=engine != "tone")
        timeline = plan(title, script, [seconds for _, seconds in sounds], questions)
        soundtrack(timeline, sounds, workdir / "soundtrack.wav")
        render(timeline, workdir / "soundtrack.wav", workdir / "clip.mp4", size, font, workdir)
        # Written under temporary names and renamed, so an interrupted run leaves no half file.
        vtt_tmp, meta_tmp = folder / f"{key}.vtt.part", folder / f"{key}.json.part"
        vtt_tmp.write_text(webvtt_text(timeline), encoding="utf-8")
        meta_tmp.write_text(
            json.dumps({"duration": timeline.duration, "decision_seconds": timeline.decision_seconds}),
            encoding="utf-8",
        )
        shutil.move(workdir / "clip.mp4", folder / f"{key}.mp4.part")
        os.replace(folder / f"{key}.mp4.part", mp4)
        os.replace(vtt_tmp, vtt)
        os.replace(meta_tmp, meta)
    return GeneratedVideo(mp4, vtt, timeline.duration, timeline.decision_seconds, generated=True)
