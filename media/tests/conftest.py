"""Real, tiny media files made once per test session with ffmpeg's lavfi sources, good and
bad, so the pipeline is tested on what it will meet rather than on mocks."""

import shutil
import subprocess
from types import SimpleNamespace

import pytest

CLIP = ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=2"]
TONE = ["-f", "lavfi", "-i", "sine=frequency=440:duration=2"]
H264_AAC = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"]
GOOD_VTT = b"WEBVTT\n\n00:00.000 --> 00:01.500\nA practitioner speaks.\n"


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


@pytest.fixture(scope="session")
def samples(tmp_path_factory):
    """Paths: good (2 s, 160x120, H.264/AAC, index at the end), good_faststart, text,
    empty, png, jpeg, audio, truncated (index at the end, cut: no index), truncated_faststart
    (index first, data cut), vtt (captions for good)."""
    d = tmp_path_factory.mktemp("samples")
    s = SimpleNamespace(**{name: d / f"{name}.mp4" for name in (
        "good", "good_faststart", "text", "empty", "png", "jpeg", "audio", "truncated", "truncated_faststart",
    )})  # fmt: skip
    ffmpeg(*CLIP, *TONE, *H264_AAC, str(s.good))
    ffmpeg("-i", str(s.good), "-c", "copy", "-movflags", "+faststart", str(s.good_faststart))
    s.text.write_text("Minutes of the strategy meeting: not a video at all.\n")
    s.empty.write_bytes(b"")
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=160x120",
        "-frames:v",
        "1",
        "-f",
        "image2",
        "-c:v",
        "png",
        str(s.png),
    )
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=160x120",
        "-frames:v",
        "1",
        "-f",
        "image2",
        "-c:v",
        "mjpeg",
        str(s.jpeg),
    )
    ffmpeg(*TONE, "-c:a", "aac", str(s.audio))
    data = s.good.read_bytes()
    s.truncated.write_bytes(data[: len(data) // 2])
    data = s.good_faststart.read_bytes()
    s.truncated_faststart.write_bytes(data[: len(data) * 3 // 4])
    s.vtt = d / "captions.vtt"
    s.vtt.write_bytes(GOOD_VTT)
    return s


@pytest.fixture
def media_root(settings, tmp_path):
    """An empty MEDIA_ROOT of this test's own, to see exactly what was stored."""
    root = tmp_path / "uploads"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def stored(media_root):
    """stored() lists the files under MEDIA_ROOT (optionally one folder of it)."""

    def files(folder=""):
        return sorted(str(p.relative_to(media_root)) for p in (media_root / folder).rglob("*") if p.is_file())

    return files
