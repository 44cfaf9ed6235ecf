"""The transcode on real files: ready with renditions and a poster; failures keep the
original, say why, and can be retried; two workers never convert one video."""

import hashlib
import subprocess

import ffmpeg
import pytest

from media import pipeline, tasks, transcode
from media.models import TranscodeStatus, Video
from media.probe import moov_before_mdat


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def streams(path):
    info = ffmpeg.probe(str(path))
    return {s["codec_type"]: s for s in info["streams"]}, float(info["format"]["duration"])


@pytest.fixture
def queued_video(db, media_root, samples):
    """A video stored and queued, whose task has not run (on_commit never fires in a test
    transaction unless captured)."""
    return pipeline.create_video(samples.good, title="Sharing at the front door")


def test_build_command_is_one_ffmpeg_run_with_three_outputs(tmp_path):
    outputs = transcode.Outputs.in_dir(tmp_path)
    command = transcode.build_command("in.mp4", outputs, duration=60.0, preset="veryfast")
    assert command[0] == "ffmpeg" and command.count("-i") == 1
    assert command[-1] == str(outputs.poster)
    assert str(outputs.mp4_720) in command and str(outputs.mp4_360) in command
    assert command.count("+faststart") == 2 and command.count("libx264") == 2
    graph = command[command.index("-filter_complex") + 1]
    assert "split=3" in graph and "trim=start=3.000" in graph
    assert ["-progress", "pipe:1", "-nostats"] == command[
        command.index("-progress") : command.index("-progress") + 3
    ]


def test_poster_is_a_few_seconds_in_but_inside_short_clips():
    assert transcode.poster_time(240) == 3.0
    assert transcode.poster_time(2.0) == pytest.approx(2 / 3)


def test_a_good_file_becomes_ready_with_renditions_and_a_poster(queued_video, samples, stored):
    original = sha256(queued_video.file.path)
    seen = []
    video = tasks.run_transcode(queued_video.pk, on_progress=seen.append)

    assert video.status == TranscodeStatus.READY and video.progress == 100 and video.attempts == 1
    assert video.duration == pytest.approx(2.0, abs=0.05)
    assert (video.width, video.height) == (160, 120)
    assert video.thumbnail and video.poster_url
    assert [s["height"] for s in video.web_sources] == [720, 360]
    assert seen and seen == sorted(seen)

    for field, height in ((video.mp4_720, 120), (video.mp4_360, 120)):
        found, duration = streams(field.path)
        assert found["video"]["codec_name"] == "h264" and found["audio"]["codec_name"] == "aac"
        assert found["video"]["pix_fmt"] == "yuv420p" and found["video"]["height"] == height
        assert duration == pytest.approx(2.0, abs=0.1)
        assert moov_before_mdat(field.path)
    poster, _ = streams(video.thumbnail.path)
    assert poster["video"]["codec_name"] == "mjpeg"
    assert sha256(video.file.path) == original
    assert len(stored("video_renditions")) == 2


def test_renditions_are_never_upscaled_and_keep_even_dimensions(db, media_root, tmp_path):
    """An odd-sized portrait clip: the shorter side capped, both sides even, never enlarged."""
    source = tmp_path / "portrait.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=481x853:rate=10:duration=1",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p", str(source)],
        check=True,
    )  # fmt: skip
    video = pipeline.create_video(source, title="Portrait", transcode_now=True)
    assert video.is_ready
    sizes = [
        (streams(f.path)[0]["video"]["width"], streams(f.path)[0]["video"]["height"])
        for f in (video.mp4_720, video.mp4_360)
    ]
    assert sizes == [(480, 852), (360, 640)]


def test_a_transcode_killed_midway_keeps_the_original_and_retry_succeeds(
    queued_video, monkeypatch, tmp_path, stored
):
    original = sha256(queued_video.file.path)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))

    class KilledAfterFirstProgressLine(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pipe, process = self.stdout, self

            class Lines:
                def __iter__(self):
                    for number, line in enumerate(pipe):
                        if number == 1:
                            process.kill()
                        yield line

                def close(self):
                    pipe.close()

            self.stdout = Lines()

    monkeypatch.setattr(transcode, "Popen", KilledAfterFirstProgressLine)
    video = tasks.run_transcode(queued_video.pk)

    assert video.status == TranscodeStatus.FAILED
    assert video.failure_reason.startswith("The conversion was stopped before it finished (SIGKILL).")
    assert video.status_label.startswith("Failed: The conversion was stopped")
    assert video.can_retry and video.web_sources == []
    assert sha256(video.file.path) == original
    assert stored("video_renditions") == [] and list(scratch.iterdir()) == []  # nothing half-made kept

    monkeypatch.undo()
    assert pipeline.retry_transcode(video) is True
    video = tasks.run_transcode(video.pk)
    assert video.status == TranscodeStatus.READY and video.attempts == 2 and video.failure_reason == ""
    assert sha256(video.file.path) == original


def test_an_ffmpeg_error_is_reported_with_its_last_line_and_can_be_retried(queued_video, settings):
    settings.VIDEO_TRANSCODE_PRESET = "no-such-preset"
    video = tasks.run_transcode(queued_video.pk)
    assert video.status == TranscodeStatus.FAILED
    assert video.failure_reason.startswith("ffmpeg could not convert this video. ffmpeg said: ")
    assert "Conversion failed!" not in video.failure_reason

    settings.VIDEO_TRANSCODE_PRESET = "veryfast"
    pipeline.retry_transcode(video)
    assert tasks.run_transcode(video.pk).is_ready


def test_outputs_that_do_not_check_out_are_not_kept(queued_video, monkeypatch, stored):
    def no_sound(outputs, *, duration, has_audio):
        raise transcode.TranscodeFailed("The 720p rendition has no AAC sound.")

    monkeypatch.setattr(transcode, "check_outputs", no_sound)
    video = tasks.run_transcode(queued_video.pk)
    assert video.status_label == "Failed: The 720p rendition has no AAC sound."
    assert stored("video_renditions") == [] and stored("media_thumbnails") == []


def test_only_one_worker_can_claim_a_video(queued_video):
    first = tasks.claim(queued_video.pk)
    assert first and tasks.claim(queued_video.pk) is None
    assert tasks.run_transcode(queued_video.pk) is None  # the second worker does nothing
    video = Video.objects.get(pk=queued_video.pk)
    assert (
        video.status == TranscodeStatus.PROCESSING and video.transcode_token == first and video.attempts == 1
    )


def test_a_video_replaced_mid_transcode_stops_the_old_run(queued_video, stored):
    """The progress callback finds the token changed (a new file was uploaded), so ffmpeg is
    stopped and nothing it made is stored."""

    def replaced(percent):
        Video.objects.filter(pk=queued_video.pk).update(status=TranscodeStatus.QUEUED, transcode_token="")

    video = tasks.run_transcode(queued_video.pk, on_progress=replaced)
    assert video.status == TranscodeStatus.QUEUED
    assert stored("video_renditions") == []


def test_a_ready_video_is_not_transcoded_again_by_a_stray_task(queued_video):
    assert tasks.run_transcode(queued_video.pk).is_ready
    assert tasks.run_transcode(queued_video.pk) is None
    assert pipeline.retry_transcode(Video.objects.get(pk=queued_video.pk)) is False


def test_deleting_a_video_removes_its_renditions(queued_video, stored, django_capture_on_commit_callbacks):
    tasks.run_transcode(queued_video.pk)
    assert stored("video_renditions")
    with django_capture_on_commit_callbacks(execute=True):
        Video.objects.get(pk=queued_video.pk).delete()
    assert stored() == []


def test_a_missing_original_fails_with_a_clear_reason(queued_video):
    import os

    os.remove(queued_video.file.path)
    video = tasks.run_transcode(queued_video.pk)
    assert video.status_label == "Failed: The original file is missing. Upload the video again."


def test_an_ffmpeg_that_stops_making_progress_is_stopped_with_a_reason(monkeypatch):
    """A stuck ffmpeg (a hung read, a filter that never ends) must not hold a worker forever."""
    monkeypatch.setattr(transcode, "STALL_TIMEOUT_SECONDS", 0.3)
    script = "echo out_time_us=1000000; echo progress=continue; exec sleep 30"
    with pytest.raises(transcode.TranscodeFailed) as failure:
        transcode.run_ffmpeg(["sh", "-c", script], duration=60)
    assert "no progress for 0.3 seconds" in failure.value.reason


def test_a_slow_ffmpeg_that_keeps_making_progress_is_left_to_finish(monkeypatch):
    monkeypatch.setattr(transcode, "STALL_TIMEOUT_SECONDS", 0.5)
    steps = "; ".join(f"echo out_time_us={n}00000; echo progress=continue; sleep 0.2" for n in range(1, 6))
    seen = []
    transcode.run_ffmpeg(["sh", "-c", steps + "; echo progress=end"], duration=1, on_progress=seen.append)
    assert seen and seen[-1] == 50  # 0.5 s of 1 s, reported at the end
