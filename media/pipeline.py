"""The one way a video gets in: used by the admin form, ``import_video`` and the demo loader.

``create_video`` checks everything first (the video by probing it, every caption file
strictly) and only then stores anything, in one transaction; if storing fails part way,
the files already written are removed too, so an error never leaves a half-made video.
The transcode is then queued once the transaction commits, or run at once in this
process (``transcode_now``, for the command line and the demo content).
"""

import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Collection

from . import tasks
from .models import CaptionKind, CaptionTrack, TranscodeStatus, Video
from .probe import VideoRejected, probe_video

logger = logging.getLogger(__name__)

__all__ = [
    "VideoRejected",
    "ValidationError",
    "add_caption_track",
    "apply_probe",
    "create_video",
    "start_transcode",
]


def create_video(
    path, *, title, captions=(), user=None, collection=None, transcode_now=False, on_progress=None
):
    """Check, store and transcode the video at ``path``.

    ``captions``: (path_or_bytes, language, label[, kind]) for each track. Raises
    VideoRejected (the video) or ValidationError (a caption file) before anything is
    stored. With ``transcode_now`` the transcode runs here (``on_progress(percent)`` is
    told how it goes) and the video is returned as it ended: ready or failed.
    """
    path = Path(path)
    probe = probe_video(path)
    tracks = [_caption_spec(spec, probe.duration) for spec in captions]
    _refuse_duplicate_tracks(tracks)

    written = []
    try:
        with transaction.atomic():
            video = Video(
                title=title,
                uploaded_by_user=user,
                collection=collection or Collection.get_first_root_node(),
            )
            apply_probe(video, probe)
            with open(path, "rb") as f:
                video.file.save(path.name, File(f), save=False)
            written.append(video.file)
            video.save()
            for data, language, label, kind in tracks:
                track = CaptionTrack(video=video, language=language, label=label, kind=kind)
                track.file.save(_track_name(video, kind, language), ContentFile(data), save=False)
                written.append(track.file)
                track.save()
            if not transcode_now:
                tasks.enqueue_transcode(video.pk)
    except BaseException:
        for field_file in written:
            field_file.storage.delete(field_file.name)
        raise

    if transcode_now:
        return tasks.run_transcode(video.pk, on_progress=on_progress) or Video.objects.get(pk=video.pk)
    return video


# What apply_probe sets: the fields a form saving a replaced file writes besides its own.
PROBED_FIELDS = [
    "type", "duration", "width", "height", "status", "progress", "failure_reason", "transcode_token",
]  # fmt: skip


def apply_probe(video, probe):
    """What the probe found, onto the row; the renditions are to be made (again)."""
    video.type = "video"
    video.duration = probe.duration
    video.width = probe.width
    video.height = probe.height
    video.status = TranscodeStatus.QUEUED
    video.progress = 0
    video.failure_reason = ""
    video.transcode_token = ""  # a run still working on the previous file stops


def start_transcode(video):
    """Queue the transcode of ``video`` (already marked queued) once the transaction commits."""
    tasks.enqueue_transcode(video.pk)


def retry_transcode(video):
    """Queue a failed or stalled transcode again; False if there is nothing to retry."""
    return tasks.requeue(video)


def add_caption_track(video, data, *, language, label, kind=CaptionKind.CAPTIONS):
    """Check ``data`` (bytes, a path or a file) against the video, then store it; a track of
    the same kind and language is replaced. Raises ValidationError if it does not pass."""
    data, language, label, kind = _caption_spec((data, language, label, kind), video.duration or None)
    with transaction.atomic():
        track = (
            CaptionTrack.objects.select_for_update().filter(video=video, kind=kind, language=language).first()
        ) or CaptionTrack(video=video, kind=kind, language=language)
        old_name = track.file.name if track.pk else ""
        track.label = label
        track.file.save(_track_name(video, kind, language), ContentFile(data), save=False)
        new_file = track.file
        try:
            track.save()
        except BaseException:
            new_file.storage.delete(new_file.name)
            raise
        if old_name and old_name != new_file.name:
            transaction.on_commit(lambda: new_file.storage.delete(old_name))
    return track


def _caption_spec(spec, duration):
    """(data, language, label, kind) with the data read and checked."""
    from .captions import validate_webvtt  # written alongside; imported when used

    if len(spec) == 3:
        source, language, label = spec
        kind = CaptionKind.CAPTIONS
    else:
        source, language, label, kind = spec
    if kind not in CaptionKind.values:
        raise ValidationError(f"“{kind}” is not a kind of track; use one of {', '.join(CaptionKind.values)}.")
    if not language or not label:
        raise ValidationError(
            "Each caption track needs a language (such as en) and a label (such as English)."
        )
    data = _read(source)
    try:
        validate_webvtt(data, duration)
    except ValidationError as error:
        raise ValidationError(
            [f"{label} {CaptionKind(kind).label.lower()}: {m}" for m in error.messages]
        ) from error
    return data, language, label, kind


def _read(source):
    if isinstance(source, bytes):
        return source
    if isinstance(source, (str, Path)):
        return Path(source).read_bytes()
    if hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        return source.read()
    raise TypeError(f"Caption data must be bytes, a path or a file, not {type(source).__name__}")


def _refuse_duplicate_tracks(tracks):
    seen = set()
    for _, language, _label, kind in tracks:
        if (kind, language) in seen:
            raise ValidationError(
                f"There are two {CaptionKind(kind).label.lower()} tracks in “{language}”; keep one."
            )
        seen.add((kind, language))


def _track_name(video, kind, language):
    return f"{slugify(video.title)[:60] or 'video'}-{kind}-{slugify(language)}.vtt"


def delete_files_with_video(sender, instance, **kwargs):
    """post_delete: the renditions go with the video (wagtailmedia removes the original
    and the poster itself)."""
    for field_file in (instance.mp4_720, instance.mp4_360):
        if field_file:
            name, storage = field_file.name, field_file.storage
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))


def delete_file_with_track(sender, instance, **kwargs):
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))
