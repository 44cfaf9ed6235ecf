"""Through wagtailmedia's admin: a good upload is converted, a bad one leaves nothing; the
status and Retry appear on the listing and edit page; caption tracks are checked."""

import pytest
from django.test import Client
from django.urls import reverse, reverse_lazy
from wagtail.models import Collection

from media import pipeline, tasks
from media.models import CaptionTrack, TranscodeStatus, Video
from media.probe import Message

ADD_URL = reverse_lazy("wagtailmedia:add", args=["video"])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def upload(client, path, title="Child A: a referral"):
    with open(path, "rb") as f:
        return client.post(
            ADD_URL,
            {"title": title, "file": f, "collection": Collection.get_first_root_node().pk, "tags": ""},
        )


@pytest.mark.parametrize("user", ["superuser", "editor"])
def test_a_good_upload_is_probed_stored_and_converted(
    db, request, client, user, media_root, samples, stored, django_capture_on_commit_callbacks
):
    # `db` named here: the user fixture is only asked for inside, too late for pytest-django to
    # order this test with the other database tests (before any transactional test flushes).
    client.force_login(request.getfixturevalue(user))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, samples.good)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailmedia:index")
    video = Video.objects.get()
    assert video.type == "video" and video.duration == pytest.approx(2.0, abs=0.05)
    assert (video.width, video.height) == (160, 120)
    assert video.status == TranscodeStatus.READY  # the immediate test backend ran the task on commit
    assert len(stored("video_renditions")) == 2


@pytest.mark.parametrize(
    "sample, message",
    [
        ("text", Message.NOT_MEDIA),
        ("empty", None),  # Django's own "The submitted file is empty." comes first
        ("png", Message.STILL_IMAGE),
        ("audio", Message.AUDIO_ONLY),
        ("truncated", Message.DAMAGED),
        ("truncated_faststart", Message.DAMAGED),
    ],
)
def test_a_bad_upload_shows_the_message_and_stores_nothing(
    editor_client, media_root, samples, stored, sample, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(editor_client, getattr(samples, sample))
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    if message:
        assert errors == [message]
        assert message in response.content.decode()
    else:
        assert errors
    assert not Video.objects.exists()
    assert stored() == [] and callbacks == []


def test_an_over_long_upload_is_refused(editor_client, media_root, samples, stored, settings):
    settings.VIDEO_MAX_SECONDS = 1
    response = upload(editor_client, samples.good)
    assert response.context["form"].errors["file"] == [
        "This video is 2 seconds long; the limit is 1 second. Trim it or split it into shorter videos."
    ]
    assert not Video.objects.exists() and stored() == []


def test_replacing_the_file_probes_it_again_and_reconverts(
    editor_client, media_root, samples, django_capture_on_commit_callbacks
):
    video = pipeline.create_video(samples.good, title="Replace me", transcode_now=True)
    old_rendition = video.mp4_720.path
    edit_url = reverse("wagtailmedia:edit", args=[video.pk])
    form = {"title": "Replace me", "collection": video.collection_id, "tags": ""}

    with open(samples.png, "rb") as f:
        response = editor_client.post(edit_url, {**form, "file": f})
    assert response.context["form"].errors["file"] == [Message.STILL_IMAGE]
    video.refresh_from_db()
    assert video.is_ready

    with open(samples.good_faststart, "rb") as f, django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(edit_url, {**form, "file": f})
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.is_ready and video.attempts == 2 and video.mp4_720.path != old_rendition


def test_listing_and_edit_page_show_the_status(editor_client, media_root, samples):
    video = pipeline.create_video(samples.good, title="Queued one")
    Video.objects.filter(pk=video.pk).update(
        status=TranscodeStatus.PROCESSING, progress=42, heartbeat_at=None
    )
    failed = pipeline.create_video(samples.good, title="Failed one")
    Video.objects.filter(pk=failed.pk).update(
        status=TranscodeStatus.FAILED, failure_reason="ffmpeg said: <b>no</b>"
    )

    listing = editor_client.get(reverse("wagtailmedia:index")).content.decode()
    assert "Processing 42%" in listing
    assert "Failed: ffmpeg said: &lt;b&gt;no&lt;/b&gt;" in listing

    page = editor_client.get(reverse("wagtailmedia:edit", args=[failed.pk])).content.decode()
    assert "Failed: ffmpeg said: &lt;b&gt;no&lt;/b&gt;" in page
    assert reverse("video_media_admin:retry", args=[failed.pk]) in page
    assert reverse("video_media_admin:tracks", args=[failed.pk]) in page


def test_retry_is_post_only_with_csrf_and_queues_the_video_again(
    editor, media_root, samples, django_capture_on_commit_callbacks
):
    video = pipeline.create_video(samples.good, title="Failed")
    Video.objects.filter(pk=video.pk).update(status=TranscodeStatus.FAILED, failure_reason="boom")
    url = reverse("video_media_admin:retry", args=[video.pk])

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.get(url).status_code == 405
    assert strict.post(url).status_code == 403  # no CSRF token
    video.refresh_from_db()
    assert video.status == TranscodeStatus.FAILED

    client = Client()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtailmedia:edit", args=[video.pk]
    )
    video.refresh_from_db()
    assert video.is_ready


def test_retry_and_captions_need_permission_to_change_the_video(client, trainer, media_root, samples):
    video = pipeline.create_video(samples.good, title="Not yours")
    Video.objects.filter(pk=video.pk).update(status=TranscodeStatus.FAILED)
    client.force_login(trainer)
    for response in (
        client.post(reverse("video_media_admin:retry", args=[video.pk])),
        client.get(reverse("video_media_admin:tracks", args=[video.pk])),
        client.post(reverse("video_media_admin:tracks", args=[video.pk]), {}),
    ):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    video.refresh_from_db()
    assert video.status == TranscodeStatus.FAILED


def test_retry_of_a_video_that_is_not_failed_changes_nothing(editor_client, media_root, samples):
    video = pipeline.create_video(samples.good, title="Fine")
    tasks.run_transcode(video.pk)
    editor_client.post(reverse("video_media_admin:retry", args=[video.pk]))
    video.refresh_from_db()
    assert video.is_ready and video.attempts == 1


def test_caption_tracks_are_checked_against_the_video(editor_client, media_root, samples):
    video = pipeline.create_video(samples.good, title="With captions")
    url = reverse("video_media_admin:tracks", args=[video.pk])

    def post(data, **fields):
        from django.core.files.uploadedfile import SimpleUploadedFile

        form = {"kind": "captions", "language": "en", "label": "English", **fields}
        return editor_client.post(url, {**form, "file": SimpleUploadedFile("captions.vtt", data, "text/vtt")})

    too_long = post(b"WEBVTT\n\n00:00.000 --> 00:09.000\nStill talking.\n")
    assert too_long.status_code == 200
    assert "after the video ends" in " ".join(too_long.context["form"].errors["file"])
    assert not CaptionTrack.objects.exists()

    assert post(samples.vtt.read_bytes()).status_code == 302
    assert post(b"WEBVTT\n\n00:00.000 --> 00:01.000\nReplaced.\n", label="English (UK)").status_code == 302
    track = CaptionTrack.objects.get()
    assert track.label == "English (UK)" and b"Replaced." in track.file.read()

    page = editor_client.get(url).content.decode()
    assert "English (UK)" in page
    delete = reverse("video_media_admin:delete_track", args=[video.pk, track.pk])
    assert editor_client.get(delete).status_code == 405
    assert editor_client.post(delete).status_code == 302
    assert not CaptionTrack.objects.exists()


def test_the_chooser_upload_uses_the_same_checks(
    editor_client, media_root, samples, stored, django_capture_on_commit_callbacks
):
    url = reverse("wagtailmedia:chooser_upload", args=["video"])
    root = Collection.get_first_root_node().pk

    def post(path, title):
        with open(path, "rb") as f, django_capture_on_commit_callbacks(execute=True):
            return editor_client.post(
                url,
                {
                    "media-chooser-upload-title": title,
                    "media-chooser-upload-file": f,
                    "media-chooser-upload-collection": root,
                    "media-chooser-upload-tags": "",
                },
            )

    refused = post(samples.truncated_faststart, "Cut short")
    assert Message.DAMAGED in refused.json()["html"]
    assert not Video.objects.exists() and stored() == []

    assert post(samples.good, "Chosen").json()["step"] == "media_chosen"
    assert Video.objects.get().is_ready


def test_saving_the_edit_form_never_undoes_the_workers_progress(editor, media_root, samples):
    """The page was opened while the video was queued; the worker finished before Save."""
    from wagtailmedia.forms import get_media_form

    video = pipeline.create_video(samples.good, title="Old title")
    opened = Video.objects.get(pk=video.pk)
    tasks.run_transcode(video.pk)

    form = get_media_form(Video)(
        {"title": "New title", "collection": opened.collection_id, "tags": "consent"},
        instance=opened,
        user=editor,
    )
    assert form.is_valid(), form.errors
    form.save()
    video.refresh_from_db()
    assert video.title == "New title" and [t.name for t in video.tags.all()] == ["consent"]
    assert video.is_ready and video.mp4_720 and video.thumbnail
