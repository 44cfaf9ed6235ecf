"""Serving renditions, posters and caption tracks (serving.py, access.py).

Videos are made directly with small byte files in their FileFields (no ffmpeg: what is
under test is which bytes go out, and to whom). A scenario page is made live the way
the case study factory does it (the anonymisation guard suspended for that insert),
through ``apps.get_model`` so media's code never imports training.
"""

from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.core.signals import request_finished
from django.db import close_old_connections
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from cms.anonymisation.testing import publish_guard_suspended
from cms.home.models import HomePage
from cms.taxonomy.models import Agency, Area, JourneyStage
from media.models import CaptionTrack, TranscodeStatus, Video
from media.serving import file_version, parse_range, versioned_url

pytestmark = pytest.mark.django_db

# 1,000 bytes where every position holds a different pattern, so a wrong offset shows.
VIDEO_BYTES = bytes((index * 7 + index // 256) % 256 for index in range(1000))
POSTER_BYTES = b"\xff\xd8\xff\xe0" + b"poster" * 20
VTT_BYTES = b"WEBVTT\n\n00:00.500 --> 00:02.000\n<v Sam>Morning.\n"


def make_video(status=TranscodeStatus.READY, with_files=True):
    """A video with a 720p rendition, a poster and an English caption track (no 360p)."""
    video = Video.objects.create(
        title="At the front door",
        type="video",
        file=ContentFile(b"original upload", name="original.mp4"),
        duration=10.0,
    )
    if with_files:
        video.mp4_720.save("front-door-720.mp4", ContentFile(VIDEO_BYTES), save=False)
        video.thumbnail.save("front-door.jpg", ContentFile(POSTER_BYTES), save=False)
    video.status = status
    video.save()
    CaptionTrack.objects.create(
        video=video, label="English", language="en", file=ContentFile(VTT_BYTES, name="front-door.vtt")
    )
    return video


def scenario_index():
    ScenarioIndexPage = apps.get_model("training", "ScenarioIndexPage")
    index = ScenarioIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=ScenarioIndexPage(title="Scenarios", slug="scenarios")
        )
    return index


def make_scenario(video, live=True):
    """A ScenarioPage using ``video``: live, or a draft that was never published."""
    ScenarioPage = apps.get_model("training", "ScenarioPage")
    page = ScenarioPage(
        title="At the front door",
        slug=f"front-door-{Video.objects.count()}-{Page.objects.count()}",
        summary="A school shares a worry with the front door.",
        video=video,
        area=Area.objects.get(slug="leeds"),
        stage=JourneyStage.objects.get(slug="referral"),
        live=live,
    )
    page.agencies = list(Agency.objects.filter(slug__in=["education", "childrens-social-care"]))
    with publish_guard_suspended(ScenarioPage):
        scenario_index().add_child(instance=page)
    return page


@pytest.fixture
def video():
    return make_video()


@pytest.fixture
def public_video(video):
    make_scenario(video)
    return video


def url(video, name="720"):
    return f"/video/{video.pk}/{name}.mp4"


def body(response):
    """The response's bytes. Closing it sends request_finished; as Django's test client does,
    without closing the database connection (on PostgreSQL that would end the test's transaction)."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return data


# --- Range -------------------------------------------------------------------------------


def test_whole_file_without_range(client, public_video):
    response = client.get(url(public_video))

    assert response.status_code == 200
    assert body(response) == VIDEO_BYTES
    assert response["Content-Length"] == "1000"
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert "Content-Range" not in response


@pytest.mark.parametrize(
    "header, first, last",
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, 999),
        ("bytes=-50", 950, 999),
        ("bytes=990-5000", 990, 999),  # an end past the file is cut to the file
        ("bytes=-5000", 0, 999),  # a suffix longer than the file is the whole file
        ("bytes=500-500", 500, 500),
    ],
)
def test_range_gets_206_with_exactly_those_bytes(client, public_video, header, first, last):
    response = client.get(url(public_video), HTTP_RANGE=header)

    assert response.status_code == 206
    assert body(response) == VIDEO_BYTES[first : last + 1]
    assert response["Content-Range"] == f"bytes {first}-{last}/1000"
    assert response["Content-Length"] == str(last - first + 1)
    assert response["Content-Type"] == "video/mp4"


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_unsatisfiable_range_gets_416(client, public_video, header):
    response = client.get(url(public_video), HTTP_RANGE=header)

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1000"


@pytest.mark.parametrize(
    "header", ["bytes=0-9,20-29", "bytes=9-5", "bytes=-", "items=0-9", "bytes=abc", "bytes=" + "9" * 30 + "-"]
)
def test_several_or_malformed_ranges_get_the_whole_file(client, public_video, header):
    response = client.get(url(public_video), HTTP_RANGE=header)

    assert response.status_code == 200
    assert body(response) == VIDEO_BYTES


def test_head_gives_headers_without_the_bytes(client, public_video):
    response = client.head(url(public_video))

    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == "1000"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"


def test_head_ignores_range(client, public_video):
    response = client.head(url(public_video), HTTP_RANGE="bytes=0-99")

    assert response.status_code == 200
    assert response["Content-Length"] == "1000"


def test_post_is_not_allowed(client, public_video):
    for path in (url(public_video), f"/video/{public_video.pk}/poster.jpg"):
        response = client.post(path)
        assert response.status_code == 405
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


def test_conditional_get_is_answered_with_304(client, public_video):
    first = client.get(url(public_video))
    etag, modified = first["ETag"], first["Last-Modified"]
    body(first)

    assert client.get(url(public_video), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url(public_video), HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url(public_video), HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_if_range_with_the_current_version_gets_the_range(client, public_video):
    etag = client.head(url(public_video))["ETag"]

    response = client.get(url(public_video), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag)

    assert response.status_code == 206
    assert body(response) == VIDEO_BYTES[:10]


def test_if_range_with_an_old_version_gets_the_whole_file(client, public_video):
    response = client.get(url(public_video), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"an-older-version"')

    assert response.status_code == 200
    assert body(response) == VIDEO_BYTES


def test_a_new_file_gets_a_new_etag(client, public_video):
    before = client.head(url(public_video))["ETag"]
    public_video.mp4_720.save("front-door-720-again.mp4", ContentFile(VIDEO_BYTES[::-1]))

    after = client.get(url(public_video))

    assert after["ETag"] != before
    assert body(after) == VIDEO_BYTES[::-1]


def test_parse_range_edges():
    assert parse_range("bytes=0-0", 1) == (0, 0)
    assert parse_range("BYTES=2-3", 10) == (2, 3)  # the unit is case-insensitive
    assert parse_range("", 10) is None
    assert parse_range("bytes=0-1, 3-4", 10) is None


# --- Poster and caption tracks ---------------------------------------------------------------


def test_poster_is_served_as_jpeg(client, public_video):
    response = client.get(f"/video/{public_video.pk}/poster.jpg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert body(response) == POSTER_BYTES


def test_track_is_served_as_webvtt_with_ranges(client, public_video):
    track = public_video.tracks.get()

    whole = client.get(track.url)
    part = client.get(track.url, HTTP_RANGE="bytes=0-5")

    assert whole.status_code == 200
    assert whole["Content-Type"] == "text/vtt; charset=utf-8"
    assert body(whole) == VTT_BYTES
    assert part.status_code == 206 and body(part) == b"WEBVTT"


def test_track_follows_its_video(client, video):
    track = video.tracks.get()
    assert client.get(track.url).status_code == 404  # no live page uses the video yet

    make_scenario(video)
    assert client.get(track.url).status_code == 200

    Video.objects.filter(pk=video.pk).update(status=TranscodeStatus.PROCESSING)
    assert client.get(track.url).status_code == 404


def test_unknown_track_is_404(client, db):
    assert client.get("/video/tracks/999999.vtt").status_code == 404


# --- What is not served -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [TranscodeStatus.QUEUED, TranscodeStatus.PROCESSING, TranscodeStatus.FAILED]
)
def test_video_that_is_not_ready_is_404_even_for_a_superuser(client, superuser, status):
    """Published while ready, then sent back through the pipeline (a retried transcode)."""
    video = make_video()
    make_scenario(video)
    Video.objects.filter(pk=video.pk).update(status=status)
    client.force_login(superuser)

    assert client.get(url(video)).status_code == 404
    assert client.get(f"/video/{video.pk}/poster.jpg").status_code == 404


def test_missing_file_is_404(client, public_video):
    public_video.mp4_720.storage.delete(public_video.mp4_720.name)

    assert client.get(url(public_video)).status_code == 404


def test_rendition_that_was_not_made_is_404(client, public_video):
    assert not public_video.mp4_360
    assert client.get(url(public_video, "360")).status_code == 404


@pytest.mark.parametrize("name", ["1080", "original", "720x"])
def test_unknown_rendition_is_404(client, public_video, name):
    assert client.get(url(public_video, name)).status_code == 404


def test_unknown_video_is_404(client, db):
    assert client.get("/video/999999/720.mp4").status_code == 404
    assert client.get("/video/999999/poster.jpg").status_code == 404


# --- Who may see it ---------------------------------------------------------------------------


def test_video_on_no_page_is_404_for_visitors_but_served_to_an_editor(client, video, practitioner, editor):
    assert client.get(url(video)).status_code == 404
    client.force_login(practitioner)
    assert client.get(url(video)).status_code == 404

    client.force_login(editor)
    response = client.get(url(video), HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206
    assert body(response) == VIDEO_BYTES[:100]
    assert response["Cache-Control"].startswith("private")


def test_video_used_only_by_a_draft_is_404_for_visitors(client, video, editor):
    make_scenario(video, live=False)

    assert client.get(url(video)).status_code == 404
    assert client.get(f"/video/{video.pk}/poster.jpg").status_code == 404
    client.force_login(editor)
    assert client.get(url(video)).status_code == 200


def test_video_is_hidden_again_when_its_page_is_unpublished(client, video):
    page = make_scenario(video)
    assert client.get(url(video)).status_code == 200

    page.unpublish()

    assert client.get(url(video)).status_code == 404


def test_video_on_a_page_for_signed_in_users_needs_sign_in(client, video, practitioner):
    page = make_scenario(video)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(url(video)).status_code == 404

    client.force_login(practitioner)
    response = client.get(url(video))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")


def test_video_referenced_from_a_page_through_the_reference_index_is_public(client, video):
    """A video in a StreamField or rich text is only found through Wagtail's reference index."""
    home = HomePage.objects.get()
    page_type = ContentType.objects.get_for_model(Page)
    ReferenceIndex.objects.create(
        content_type=ContentType.objects.get_for_model(HomePage),
        base_content_type=page_type,
        object_id=str(home.pk),
        to_content_type=ContentType.objects.get_for_model(Video),
        to_object_id=str(video.pk),
        model_path="body.video",
        content_path="body.1234.video",
        content_path_hash=ReferenceIndex._get_content_path_hash("body.1234.video"),
    )

    assert client.get(url(video)).status_code == 200


# --- Caching -----------------------------------------------------------------------------------


def test_public_video_is_cacheable_by_anyone_and_immutable_when_versioned(client, public_video):
    plain = client.get(url(public_video))
    versioned = client.get(versioned_url(url(public_video), public_video.mp4_720))
    stale = client.get(url(public_video) + "?v=old")

    assert plain["Cache-Control"] == "public, no-cache"
    assert versioned["Cache-Control"] == "public, max-age=31536000, immutable"
    assert stale["Cache-Control"] == "public, no-cache"
    for response in (plain, versioned, stale):
        body(response)


def test_file_version_changes_with_the_file_name(video):
    first = file_version(video.mp4_720)
    video.mp4_720.save("another.mp4", ContentFile(b"x"), save=False)
    assert file_version(video.mp4_720) != first


# --- Object storage ------------------------------------------------------------------------------


class RemoteStorage(Storage):
    """Behaves like S3Storage where it matters here: no ``path()`` (Storage's default
    raises NotImplementedError, as S3Storage does) and presigned URLs. The bytes sit in a
    local folder, so nothing touches the network."""

    def __init__(self, location):
        self.local = FileSystemStorage(location=location)

    def _open(self, name, mode="rb"):
        return self.local._open(name, mode)

    def _save(self, name, content):
        return self.local._save(name, content)

    def exists(self, name):
        return self.local.exists(name)

    def size(self, name):
        return self.local.size(name)

    def delete(self, name):
        self.local.delete(name)

    def get_modified_time(self, name):
        return self.local.get_modified_time(name)

    def url(self, name):
        return f"https://bucket.example.org/{name}?X-Amz-Signature=abc123&X-Amz-Expires=3600"


@pytest.fixture
def remote_storage(monkeypatch, settings):
    storage = RemoteStorage(location=settings.MEDIA_ROOT)
    for model, field in ((Video, "mp4_720"), (Video, "thumbnail"), (CaptionTrack, "file")):
        monkeypatch.setattr(model._meta.get_field(field), "storage", storage)
    return storage


def test_object_storage_redirects_renditions_and_posters_to_presigned_urls(
    client, public_video, remote_storage
):
    rendition = client.get(url(public_video), HTTP_RANGE="bytes=0-99")
    poster = client.get(f"/video/{public_video.pk}/poster.jpg")

    assert rendition.status_code == 302
    location = urlparse(rendition["Location"])
    assert location.netloc == "bucket.example.org"
    assert location.path == f"/{public_video.mp4_720.name}"
    assert "X-Amz-Signature" in location.query
    assert rendition["Cache-Control"] == "private, no-cache"
    assert poster.status_code == 302
    assert urlparse(poster["Location"]).path == f"/{public_video.thumbnail.name}"


def test_object_storage_still_checks_access_first(client, video, remote_storage):
    assert client.get(url(video)).status_code == 404


def test_object_storage_tracks_are_served_here_with_ranges(client, public_video, remote_storage):
    track = public_video.tracks.get()

    whole = client.get(track.url)
    part = client.get(track.url, HTTP_RANGE="bytes=-5")

    assert whole.status_code == 200 and body(whole) == VTT_BYTES
    assert whole["Content-Type"] == "text/vtt; charset=utf-8"
    assert part.status_code == 206 and body(part) == VTT_BYTES[-5:]


def test_object_storage_missing_track_is_404(client, public_video, remote_storage):
    track = public_video.tracks.get()
    remote_storage.delete(track.file.name)

    assert client.get(track.url).status_code == 404
