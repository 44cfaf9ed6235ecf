"""Video assets: the uploaded original, its web renditions, poster and caption tracks.

wagtailmedia gives the admin (listing, upload, edit, chooser, collections and their
permissions); this app adds what it lacks: validation by probing the file with ffprobe
(``probe.py``), transcoding in the background with progress (``transcode.py``,
``tasks.py``), strictly checked WebVTT captions (``captions.py``) and serving with HTTP
Range (``serving.py``). The original upload is never changed or deleted by the
pipeline, so a failed transcode can always be retried.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtailmedia.models import AbstractMedia


class TranscodeStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    PROCESSING = "processing", "Processing"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class Video(AbstractMedia):
    """One video: the original as uploaded (``file``) and what the pipeline made of it.

    ``duration``, ``width`` and ``height`` are the original's, read by ffprobe on upload;
    ``thumbnail`` is the poster frame the transcode takes a few seconds in.
    """

    status = models.CharField(max_length=16, choices=TranscodeStatus.choices, default=TranscodeStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent, while processing.")
    failure_reason = models.TextField(blank=True)
    # When the worker last reported progress: a processing video whose worker has gone
    # quiet for long enough is picked up again (see tasks.py).
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    # Set by the worker that claims the transcode (tasks.py); progress and the result are
    # written only while it still matches, so a worker that was given up on, or a file
    # replaced mid-transcode, can never overwrite newer work.
    transcode_token = models.CharField(max_length=32, blank=True, editable=False)
    mp4_720 = models.FileField(upload_to="video_renditions", blank=True, editable=False)
    mp4_360 = models.FileField(upload_to="video_renditions", blank=True, editable=False)

    admin_form_fields = ("title", "file", "collection", "tags")

    class Meta:
        verbose_name = "video"
        verbose_name_plural = "videos"

    @property
    def is_ready(self):
        return self.status == TranscodeStatus.READY

    @property
    def web_sources(self):
        """<source> elements for a page's <video>, best first; empty until ready."""
        from .serving import versioned_url  # serving imports the models

        if not self.is_ready:
            return []
        return [
            {
                "src": versioned_url(reverse("video_media:rendition", args=[self.pk, name]), field),
                "type": "video/mp4",
                "height": height,
            }
            for name, height, field in (("720", 720, self.mp4_720), ("360", 360, self.mp4_360))
            if field
        ]

    @property
    def poster_url(self):
        from .serving import versioned_url

        if not (self.is_ready and self.thumbnail):
            return ""
        return versioned_url(reverse("video_media:poster", args=[self.pk]), self.thumbnail)

    @property
    def is_stale(self):
        """Processing, but its worker has not reported for too long: it stopped or died."""
        if self.status != TranscodeStatus.PROCESSING:
            return False
        limit = timezone.now() - timedelta(seconds=settings.VIDEO_TRANSCODE_STALE_SECONDS)
        return self.heartbeat_at is None or self.heartbeat_at < limit

    @property
    def can_retry(self):
        return self.status == TranscodeStatus.FAILED or self.is_stale

    @property
    def status_label(self):
        """What the admin shows: "Queued", "Processing 42%", "Ready" or "Failed: reason"."""
        if self.status == TranscodeStatus.PROCESSING:
            return f"Processing {self.progress}%" + (" (stalled)" if self.is_stale else "")
        if self.status == TranscodeStatus.FAILED:
            return f"Failed: {self.failure_reason}" if self.failure_reason else "Failed"
        return self.get_status_display()


class CaptionKind(models.TextChoices):
    CAPTIONS = "captions", "Captions"
    SUBTITLES = "subtitles", "Subtitles (a translation)"
    DESCRIPTIONS = "descriptions", "Audio description (text)"


class CaptionTrack(models.Model):
    """A WebVTT file for a video: captions (one per language), subtitles or a text
    audio-description track. Checked strictly on upload (captions.py)."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="tracks")
    kind = models.CharField(max_length=16, choices=CaptionKind.choices, default=CaptionKind.CAPTIONS)
    language = models.CharField(max_length=16, default="en", help_text="A language tag such as en, cy or pl.")
    label = models.CharField(max_length=60, help_text="What the player's menu shows, such as 'English'.")
    file = models.FileField(upload_to="video_captions")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["video", "kind", "language"], name="one_track_per_kind_and_language"
            )
        ]
        ordering = ["video", "kind", "language"]

    def __str__(self):
        return f"{self.label} ({self.get_kind_display().lower()})"

    @property
    def url(self):
        from .serving import versioned_url

        return versioned_url(reverse("video_media:track", args=[self.pk]), self.file)
