"""Uploads are judged by their content: each kind of bad file gets its own plain message."""

import pytest

from media.probe import Message, VideoRejected, human_duration, human_size, moov_before_mdat, probe_video


def test_a_good_video_is_described(samples):
    probe = probe_video(samples.good)
    assert probe.duration == pytest.approx(2.0, abs=0.05)
    assert (probe.width, probe.height) == (160, 120)
    assert probe.has_audio and probe.video_codec == "h264" and probe.audio_codec == "aac"
    assert probe.frame_rate == pytest.approx(25)


@pytest.mark.parametrize(
    "sample, code, message",
    [
        ("empty", "empty", Message.EMPTY),
        ("text", "not_media", Message.NOT_MEDIA),
        ("png", "still_image", Message.STILL_IMAGE),
        ("jpeg", "still_image", Message.STILL_IMAGE),
        ("audio", "audio_only", Message.AUDIO_ONLY),
        ("truncated", "damaged", Message.DAMAGED),
        ("truncated_faststart", "damaged", Message.DAMAGED),
    ],
)
def test_bad_files_are_refused_with_their_own_message(samples, sample, code, message):
    """All of them are named .mp4: the name decides nothing."""
    with pytest.raises(VideoRejected) as refused:
        probe_video(getattr(samples, sample))
    assert refused.value.code == code
    assert refused.value.message == message


def test_the_messages_say_what_to_do():
    assert Message.EMPTY == "This file is empty. Choose the video file again."
    assert "still image, not a video" in Message.STILL_IMAGE
    assert "sound but no picture" in Message.AUDIO_ONLY
    assert "incomplete or damaged" in Message.DAMAGED and "Export it again" in Message.DAMAGED


def test_the_faststart_truncation_is_caught_by_decoding_not_by_the_index(samples):
    """Its index is intact (ffprobe alone is satisfied); the decode of the tail is what fails."""
    import ffmpeg

    assert float(ffmpeg.probe(str(samples.truncated_faststart))["format"]["duration"]) > 1.5
    with pytest.raises(VideoRejected, match="incomplete or damaged"):
        probe_video(samples.truncated_faststart)


def test_over_size_is_refused_before_probing(samples, settings, monkeypatch):
    settings.VIDEO_MAX_UPLOAD_BYTES = 1024
    monkeypatch.setattr("ffmpeg.probe", lambda *a, **k: pytest.fail("probed a file that is too big"))
    with pytest.raises(VideoRejected) as refused:
        probe_video(samples.good)
    assert refused.value.code == "too_big"
    assert refused.value.message.startswith(
        f"This file is {human_size(samples.good.stat().st_size)}; the limit is 1 KB."
    )


def test_over_long_is_refused_with_both_lengths(samples, settings):
    settings.VIDEO_MAX_SECONDS = 1
    with pytest.raises(VideoRejected) as refused:
        probe_video(samples.good)
    assert refused.value.code == "too_long"
    assert refused.value.message.startswith("This video is 2 seconds long; the limit is 1 second.")


def test_lengths_and_sizes_read_as_people_say_them():
    assert human_duration(25 * 60) == "25 minutes"
    assert human_duration(20 * 60 + 30) == "20 minutes 30 seconds"
    assert human_duration(60) == "1 minute"
    assert human_duration(44.2) == "45 seconds"
    assert human_size(500 * 1024 * 1024) == "500 MB"
    assert human_size(1536 * 1024 * 1024) == "1.5 GB"


def test_moov_before_mdat_tells_faststart_files(samples):
    assert moov_before_mdat(samples.good_faststart)
    assert not moov_before_mdat(samples.good)
