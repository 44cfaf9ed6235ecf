"""The transcode as a background task, and picking unfinished work up after a restart.

A task claims its video with one conditional UPDATE (queued -> processing, a fresh
``transcode_token``), so two workers never convert the same video at once. While ffmpeg
runs, progress and a heartbeat are written about once a second, and only while the token
still matches: a replaced, deleted or reclaimed video stops its old run. The outputs are
made in a temporary directory and copied to storage only once ffmpeg has succeeded and
they probe correctly; the original upload is only ever read.

``requeue_unfinished`` runs when a worker starts (registered in apps.py through
cms.core.worker): a video left "processing" by a worker that died, and a "queued" video
with no task waiting for it, are queued again.
"""

import logging
import shutil
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from . import transcode
from .models import TranscodeStatus, Video
from .probe import VideoRejected, duration_and_audio

logger = logging.getLogger(__name__)

MEDIA_QUEUE = "media"
SCRATCH_PREFIX = "video-transcode-"
UNEXPECTED_FAILURE = (
    "Something went wrong on our side while converting this video. "
    "Try again; if it fails again, tell the site team."
)


class OriginalMissing(Exception):
    """The uploaded original is not in storage (removed by hand, or a lost volume)."""


@task(queue_name=MEDIA_QUEUE)
def transcode_video(video_id):
    """Background entry point: see ``run_transcode``."""
    run_transcode(video_id)


def enqueue_transcode(video_id):
    """Queue the task once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: transcode_video.enqueue(video_id))


def claim(video_id):
    """Take a queued video for this worker; the token, or None if it is not ours to take."""
    token = uuid.uuid4().hex
    claimed = Video.objects.filter(pk=video_id, status=TranscodeStatus.QUEUED).update(
        status=TranscodeStatus.PROCESSING,
        progress=0,
        heartbeat_at=timezone.now(),
        attempts=F("attempts") + 1,
        transcode_token=token,
        failure_reason="",
    )
    return token if claimed else None


def run_transcode(video_id, on_progress=None):
    """Claim, convert, check, store. Returns the video as it ends up, or None if it was not
    claimable (another worker has it, it is ready already, or it no longer exists).
    ``on_progress(percent)`` is called as well as the heartbeat (for ``import_video``)."""
    token = claim(video_id)
    if token is None:
        logger.info("Video %s is not queued; nothing to do.", video_id)
        return None
    ours = Video.objects.filter(pk=video_id, transcode_token=token, status=TranscodeStatus.PROCESSING)
    video = Video.objects.filter(pk=video_id).first()
    if video is None:
        return None

    def heartbeat(percent):
        alive = ours.update(progress=percent, heartbeat_at=timezone.now())
        if alive and on_progress is not None:
            on_progress(percent)
        return bool(alive)

    try:
        with (
            tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX) as directory,
            local_copy(video.file, directory) as source,
        ):
            duration, has_audio = duration_and_audio(source)
            duration = video.duration or duration
            outputs = transcode.transcode_file(
                source,
                directory,
                duration=duration,
                has_audio=has_audio,
                preset=settings.VIDEO_TRANSCODE_PRESET,
                on_progress=heartbeat,
            )
            store(video, token, outputs)
    except transcode.TranscodeCancelled:
        logger.info("Transcode of video %s was superseded; its outputs were discarded.", video_id)
    except transcode.TranscodeFailed as failure:
        mark_failed(ours, failure.reason)
    except VideoRejected as rejected:
        mark_failed(ours, rejected.message)
    except OriginalMissing:
        mark_failed(ours, "The original file is missing. Upload the video again.")
    except Exception:
        logger.exception("Transcode of video %s failed unexpectedly", video_id)
        mark_failed(ours, UNEXPECTED_FAILURE)
    return Video.objects.filter(pk=video_id).first()


def mark_failed(ours, reason):
    ours.update(status=TranscodeStatus.FAILED, failure_reason=reason[:1000], heartbeat_at=timezone.now())


@contextmanager
def local_copy(field_file, directory):
    """A path to the original on this machine: the file itself on local storage, else a
    copy in ``directory`` (object storage). Either way it is only read."""
    if not field_file:
        raise OriginalMissing("no file")
    try:
        path = field_file.path
    except NotImplementedError:
        path = None
    if path is not None:
        if not Path(path).exists():
            raise OriginalMissing(path)
        yield path
        return
    copy = Path(directory) / ("original" + Path(field_file.name).suffix)
    if not field_file.storage.exists(field_file.name):
        raise OriginalMissing(field_file.name)
    with field_file.storage.open(field_file.name, "rb") as src, open(copy, "wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
    yield copy


def store(video, token, outputs):
    """Copy the checked outputs to storage and mark the video ready, if it is still ours;
    otherwise remove what was copied. The previous renditions are removed after."""
    saved = {}
    try:
        for field_name, path, suffix in (
            ("mp4_720", outputs.mp4_720, "720.mp4"),
            ("mp4_360", outputs.mp4_360, "360.mp4"),
            ("thumbnail", outputs.poster, "poster.jpg"),
        ):
            field = video._meta.get_field(field_name)
            name = field.generate_filename(video, f"video-{video.pk}-{token[:8]}-{suffix}")
            with open(path, "rb") as f:
                saved[field_name] = field.storage.save(name, File(f), max_length=field.max_length)
        updated = Video.objects.filter(
            pk=video.pk, transcode_token=token, status=TranscodeStatus.PROCESSING
        ).update(
            status=TranscodeStatus.READY,
            progress=100,
            heartbeat_at=timezone.now(),
            failure_reason="",
            **saved,
        )
    except BaseException:
        _delete_files(video, saved)
        raise
    if not updated:
        _delete_files(video, saved)
        raise transcode.TranscodeCancelled
    previous = {name: getattr(video, name).name for name in saved}
    _delete_files(video, {name: old for name, old in previous.items() if old and old != saved[name]})


def _delete_files(video, names):
    for field_name, name in names.items():
        try:
            video._meta.get_field(field_name).storage.delete(name)
        except Exception:
            logger.warning("Could not delete %s of video %s", name, video.pk, exc_info=True)


def requeue(video):
    """Queue a failed or stalled video again (the admin's Retry). False if it is neither."""
    video.refresh_from_db()
    if not video.can_retry:
        return False
    reset = Video.objects.filter(
        pk=video.pk,
        status=video.status,
        transcode_token=video.transcode_token,
        heartbeat_at=video.heartbeat_at,  # a worker that reported since is alive after all
    ).update(status=TranscodeStatus.QUEUED, progress=0, transcode_token="")
    if reset:
        enqueue_transcode(video.pk)
    return bool(reset)


def requeue_unfinished():
    """After a worker restart: re-queue stalled and orphaned transcodes. Returns the ids
    queued again and those given up on (stalled too many times)."""
    remove_abandoned_scratch_dirs()
    stale_before = timezone.now() - timedelta(seconds=settings.VIDEO_TRANSCODE_STALE_SECONDS)
    requeued, given_up = [], []
    stalled = Video.objects.filter(status=TranscodeStatus.PROCESSING, heartbeat_at__lt=stale_before)
    for video in stalled.only("pk", "attempts", "transcode_token"):
        still_stalled = Video.objects.filter(
            pk=video.pk, status=TranscodeStatus.PROCESSING, transcode_token=video.transcode_token
        ).filter(heartbeat_at__lt=stale_before)
        if video.attempts >= settings.VIDEO_TRANSCODE_MAX_ATTEMPTS:
            if still_stalled.update(
                status=TranscodeStatus.FAILED,
                failure_reason=(
                    f"The conversion was interrupted {video.attempts} times. "
                    "Retry it once the worker is healthy."
                ),
            ):
                given_up.append(video.pk)
        elif still_stalled.update(status=TranscodeStatus.QUEUED, progress=0, transcode_token=""):
            requeued.append(video.pk)

    waiting = pending_task_video_ids()
    for video_id in Video.objects.filter(status=TranscodeStatus.QUEUED).values_list("pk", flat=True):
        if waiting is None or video_id not in waiting or video_id in requeued:
            transcode_video.enqueue(video_id)
            if video_id not in requeued:
                requeued.append(video_id)
    if requeued or given_up:
        logger.info("Transcodes queued again: %s; given up: %s", requeued, given_up)
    return requeued, given_up


def remove_abandoned_scratch_dirs():
    """Temporary directories of transcodes whose worker died (nothing in them written for
    longer than the stale time): their partial outputs are removed."""
    limit = time.time() - settings.VIDEO_TRANSCODE_STALE_SECONDS
    for directory in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        try:
            newest = max(p.stat().st_mtime for p in [directory, *directory.iterdir()])
        except OSError:
            continue
        if newest < limit:
            shutil.rmtree(directory, ignore_errors=True)


def pending_task_video_ids():
    """Ids of videos with a transcode task waiting in the database queue; None when the
    task backend is not the database one (nothing to look at: queue them all, the claim
    stops any double work)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = transcode_video.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return None
    rows = DBTaskResult.objects.ready().filter(
        task_path=transcode_video.module_path, backend_name=backend.alias
    )
    ids = set()
    for args_kwargs in rows.values_list("args_kwargs", flat=True):
        args = (args_kwargs or {}).get("args") or []
        kwargs = (args_kwargs or {}).get("kwargs") or {}
        ids.add(args[0] if args else kwargs.get("video_id"))
    return ids
