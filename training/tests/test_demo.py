"""The demo scenarios: generated videos through the real pipeline, published pages, idempotent.

The clips are made for real (espeak-ng, ffmpeg) at 320x180 so the test stays quick; the
tone fallback and the timeline are checked on a tiny script of their own.
"""

import copy
import json
import subprocess
from io import StringIO
from unittest import mock

import pytest
from wagtail.models import Page, Revision

from cms.home.models import HomePage
from media.captions import validate_webvtt
from media.models import Video
from training import demo, demo_videos
from training.blocks import timestamp_seconds
from training.demo_scenarios import SCENARIOS
from training.models import ScenarioIndexPage, ScenarioPage

pytestmark = pytest.mark.django_db

TINY_SCRIPT = [
    {
        "scene": "A meeting room",
        "colour": "#1d4f6e",
        "lines": [
            (
                "Narrator",
                "Two professionals meet in a quiet room after a busy morning. "
                "One of them has a worry to share, and is not sure how.",
            ),
            demo_videos.DECISION,
            ("Social worker", "Tell me what you know."),
        ],
    }
]


@pytest.fixture
def demo_settings(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.DEMO_VIDEO_SIZE = "320x180"
    return settings


def run_load():
    out = StringIO()
    demo.load(out)
    return out.getvalue()


def revision_count(pages):
    return Revision.objects.filter(object_id__in=[str(page.pk) for page in pages]).count()


def probe_streams(path):
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,width,duration", "-of", "json", path],
        capture_output=True,
        text=True,
        check=True,
    )
    return {stream["codec_type"]: stream for stream in json.loads(result.stdout)["streams"]}


def test_load_twice_publishes_playable_captioned_scenarios_and_regenerates_nothing(demo_settings):
    home = HomePage.objects.get()
    home.featured.append(("item", {"page": Page.objects.get(pk=home.pk), "label": "Already here"}))
    home.save_revision().publish()

    with mock.patch.object(demo_videos, "render", wraps=demo_videos.render) as render:
        output = run_load()
    assert render.call_count == len(SCENARIOS) >= 3
    assert f"Generating demo video 1 of {len(SCENARIOS)}: {SCENARIOS[0]['title']}" in output
    assert "Transcoding" in output and "kept as draft" not in output

    index = ScenarioIndexPage.objects.get()
    assert index.live and index.url == "/scenarios/"
    pages = list(ScenarioPage.objects.child_of(index).live().order_by("path"))
    assert [page.slug for page in pages] == [scenario["slug"] for scenario in SCENARIOS]
    for page in pages:
        video = page.video
        assert video.is_ready and video.mp4_720 and video.mp4_360 and video.thumbnail
        assert 60 <= video.duration <= 120 and page.duration_seconds == round(video.duration)
        assert probe_streams(video.file.path)["video"]["width"] == 320
        track = page.captions_track()
        assert track is not None and track.language == "en"
        cues = validate_webvtt(track.file.read(), video.duration)
        assert cues and all(cue.speaker for cue in cues)
        seconds = [timestamp_seconds(point.value["timestamp"]) for point in page.decision_points]
        assert len(seconds) >= 2 and all(0 < s < video.duration - 2 for s in seconds)
        # Each pause falls between two spoken lines, never over one.
        for s in seconds:
            assert not any(cue.start <= s < cue.end for cue in cues)
        assert all(len(point.value["options"]) == 3 for point in page.decision_points)
        assert len(page.learning_objectives) >= 3 and len(page.reflective_questions) == 2
        assert page.page_ptr.get_parent().specific == index
    labels = [(block.value["page"].pk, block.value["label"]) for block in HomePage.objects.get().featured]
    assert labels[0] == (home.pk, "Already here")
    assert [pk for pk, label in labels if label == "Video scenario"] == [page.pk for page in pages]

    cached = sorted((demo_settings.DATA_DIR / "demo_videos").glob("*.mp4"))
    mtimes = [path.stat().st_mtime_ns for path in cached]
    videos = set(Video.objects.values_list("pk", flat=True))
    revisions = revision_count(pages)
    home_revisions = revision_count([home])

    with mock.patch.object(demo_videos, "render", wraps=demo_videos.render) as render:
        output = run_load()
    assert render.call_count == 0
    assert "Generating" not in output and "Transcoding" not in output
    assert [path.stat().st_mtime_ns for path in cached] == mtimes
    assert set(Video.objects.values_list("pk", flat=True)) == videos
    assert ScenarioPage.objects.count() == len(SCENARIOS) and ScenarioIndexPage.objects.count() == 1
    assert revision_count(pages) == revisions and revision_count([home]) == home_revisions
    assert len(HomePage.objects.get().featured) == len(labels)


def test_a_changed_script_replaces_the_video_and_republishes(demo_settings, monkeypatch):
    # A real scenario's page content on a short script, so the clip is quick to make.
    scenario = copy.deepcopy(SCENARIOS[2])
    scenario["script"] = copy.deepcopy(TINY_SCRIPT)
    scenario["decision_points"] = scenario["decision_points"][:1]
    monkeypatch.setattr(demo, "SCENARIOS", [scenario])
    # Someone's own upload with the same title is neither reused nor removed.
    upload = Video.objects.create(title=scenario["title"], type="video", file="media/editor-upload.mp4")
    run_load()
    page = ScenarioPage.objects.get(slug=scenario["slug"])
    assert page.live and page.video != upload
    first_video = page.video

    scenario["script"][-1]["lines"].append(("Narrator", "Their tutor keeps in touch each week."))
    run_load()
    page = ScenarioPage.objects.get(slug=scenario["slug"])
    assert page.live and not page.has_unpublished_changes
    assert page.video != first_video and page.video.is_ready
    assert not Video.objects.filter(pk=first_video.pk).exists()
    assert Video.objects.filter(pk=upload.pk).exists()
    assert "Their tutor keeps in touch each week." in page.transcript_text()


def test_plan_times_cues_from_line_lengths_and_puts_decisions_on_pause_cards():
    lengths = [2.5, 1.25, 1.0]  # the narrator's line is two caption pieces
    assert demo_videos.spoken_lines(TINY_SCRIPT)[:2] == [
        ("Narrator", "Two professionals meet in a quiet room after a busy morning."),
        ("Narrator", "One of them has a worry to share, and is not sure how."),
    ]
    timeline = demo_videos.plan("A title", TINY_SCRIPT, lengths, ["What now?"])
    starts = [cue.start for cue in timeline.cues]
    assert starts[0] == demo_videos.TITLE_SECONDS + demo_videos.SCENE_LEAD_IN
    assert [round(cue.end - cue.start, 3) for cue in timeline.cues] == lengths
    (pause,) = timeline.pauses
    (decision,) = timeline.decision_seconds
    assert timeline.cues[1].end <= pause <= decision < pause + demo_videos.PAUSE_CARD_SECONDS
    assert timeline.cues[2].start >= pause + demo_videos.PAUSE_CARD_SECONDS
    assert timeline.duration > timeline.cues[-1].end
    vtt = demo_videos.webvtt_text(timeline)
    cues = validate_webvtt(vtt.encode(), timeline.duration)
    assert [(cue.speaker, round(cue.start, 3)) for cue in cues] == [
        (cue.speaker, round(cue.start, 3)) for cue in timeline.cues
    ]
    frames = sum(count for _, count in demo_videos.segments(timeline))
    assert frames == round(timeline.duration * demo_videos.FPS)


def test_without_espeak_or_a_font_a_tone_over_plain_scenes_keeps_caption_timing(demo_settings, monkeypatch):
    monkeypatch.setattr(demo_videos, "espeak_available", lambda: False)
    monkeypatch.setattr(demo_videos, "find_font", lambda: None)
    monkeypatch.setattr(demo_videos, "speak", mock.Mock(side_effect=AssertionError("espeak-ng used")))
    clip = demo_videos.generate("Tone only", TINY_SCRIPT, ["What now?"], size="160x90")
    assert clip.generated
    cues = validate_webvtt(clip.captions.read_bytes(), clip.duration)
    assert len(cues) == len(demo_videos.spoken_lines(TINY_SCRIPT))
    durations = {kind: float(stream["duration"]) for kind, stream in probe_streams(str(clip.path)).items()}
    assert abs(durations["audio"] - clip.duration) < 0.1 and abs(durations["video"] - clip.duration) < 0.15
    assert 0 < clip.decision_seconds[0] < clip.duration
    # The same script again comes from the cache.
    again = demo_videos.generate("Tone only", TINY_SCRIPT, ["What now?"], size="160x90")
    assert not again.generated and again.path == clip.path
