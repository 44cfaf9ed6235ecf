"""create_video and import_video: everything is checked before anything is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from media import pipeline
from media.models import CaptionTrack, TranscodeStatus, Video
from media.probe import Message, VideoRejected

GOOD_WELSH = b"WEBVTT\n\n00:00.000 --> 00:01.000\nMae ymarferydd yn siarad.\n"
PAST_THE_END = b"WEBVTT\n\n00:00.000 --> 00:09.000\nToo long.\n"


def test_create_video_with_captions_converts_now(db, media_root, samples):
    video = pipeline.create_video(
        samples.good,
        title="Consent and the front door",
        captions=[(samples.vtt, "en", "English"), (GOOD_WELSH, "cy", "Cymraeg", "subtitles")],
        transcode_now=True,
    )
    assert video.is_ready and video.collection.is_root()
    assert [(t.kind, t.language, t.label) for t in video.tracks.order_by("language")] == [
        ("subtitles", "cy", "Cymraeg"),
        ("captions", "en", "English"),
    ]
    assert video.tracks.get(language="en").file.read() == samples.vtt.read_bytes()


def test_without_transcode_now_the_task_is_queued_on_commit(
    db, media_root, samples, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        video = pipeline.create_video(samples.good, title="Later")
    assert video.status == TranscodeStatus.QUEUED and len(callbacks) == 1


def test_a_bad_caption_file_stops_everything_before_anything_is_stored(db, media_root, samples, stored):
    with pytest.raises(ValidationError) as refused:
        pipeline.create_video(samples.good, title="Bad captions", captions=[(PAST_THE_END, "en", "English")])
    assert refused.value.messages[0].startswith("English captions: Line 3: this cue ends at 0:09")
    assert not Video.objects.exists() and stored() == []


def test_a_bad_video_stops_everything(db, media_root, samples, stored):
    with pytest.raises(VideoRejected, match="sound but no picture"):
        pipeline.create_video(samples.audio, title="Audio", captions=[(samples.vtt, "en", "English")])
    assert not Video.objects.exists() and stored() == []


def test_a_failure_while_storing_removes_what_was_written(db, media_root, samples, stored, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(CaptionTrack, "save", broken_save)
    with pytest.raises(OSError):
        pipeline.create_video(samples.good, title="Half made", captions=[(samples.vtt, "en", "English")])
    assert not Video.objects.exists() and stored() == []


def test_two_tracks_of_one_kind_and_language_are_refused(db, media_root, samples):
    with pytest.raises(ValidationError, match="two captions tracks"):
        pipeline.create_video(
            samples.good,
            title="Twice",
            captions=[(samples.vtt, "en", "English"), (samples.vtt, "en", "English")],
        )


def test_add_caption_track_replaces_the_same_kind_and_language(db, media_root, samples, stored):
    video = pipeline.create_video(samples.good, title="Tracks")
    pipeline.add_caption_track(video, samples.vtt, language="en", label="English")
    pipeline.add_caption_track(video, GOOD_WELSH, language="en", label="English (corrected)")
    track = CaptionTrack.objects.get(video=video)
    assert track.label == "English (corrected)" and track.file.read() == GOOD_WELSH
    with pytest.raises(ValidationError):
        pipeline.add_caption_track(video, PAST_THE_END, language="en", label="English")
    assert CaptionTrack.objects.get(video=video).file.read() == GOOD_WELSH


def test_import_video_waits_and_reports_progress(db, media_root, samples, capsys):
    call_command("import_video", str(samples.good), title="Imported", captions=[str(samples.vtt)], wait=True)
    out = capsys.readouterr().out
    assert "Converting: " in out and "is ready (2.0 seconds)" in out
    video = Video.objects.get()
    assert video.is_ready and video.tracks.get().language == "en"


@pytest.mark.parametrize(
    "sample, message",
    [
        ("text", Message.NOT_MEDIA),
        ("empty", Message.EMPTY),
        ("png", Message.STILL_IMAGE),
        ("audio", Message.AUDIO_ONLY),
        ("truncated", Message.DAMAGED),
    ],
)
def test_import_video_refuses_bad_files_with_the_reason(db, media_root, samples, stored, sample, message):
    path = getattr(samples, sample)
    with pytest.raises(CommandError) as refused:
        call_command("import_video", str(path), title="Bad")
    assert str(refused.value) == f"{path.name}: {message}"
    assert not Video.objects.exists() and stored() == []


def test_import_video_refuses_bad_captions_and_missing_files(db, media_root, samples, tmp_path, stored):
    bad = tmp_path / "bad.vtt"
    bad.write_bytes(PAST_THE_END)
    with pytest.raises(CommandError, match="A caption file was refused: English captions: Line 3"):
        call_command("import_video", str(samples.good), title="Bad", captions=[str(bad)])
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_video", str(tmp_path / "missing.mp4"), title="Missing")
    assert not Video.objects.exists() and stored() == []


def test_import_video_exits_non_zero_from_the_shell(db, media_root, samples):
    """The exit status itself, as a script calling manage.py sees it."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "import_video", str(samples.text), "--title", "Bad"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
    )
    assert result.returncode == 1
    assert Message.NOT_MEDIA in result.stderr
