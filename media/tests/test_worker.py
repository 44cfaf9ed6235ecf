"""A worker restart picks unfinished transcodes up, and leaves live ones alone."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from cms.core import worker
from media import pipeline, tasks
from media.models import TranscodeStatus, Video

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "search", "media"]}
}


@pytest.fixture
def videos(db, media_root, samples):
    """Three stored videos, none converted yet."""
    return [pipeline.create_video(samples.good, title=f"Scenario {n}") for n in range(3)]


def processing(video, *, seconds_ago, attempts=1):
    Video.objects.filter(pk=video.pk).update(
        status=TranscodeStatus.PROCESSING,
        heartbeat_at=timezone.now() - timedelta(seconds=seconds_ago),
        transcode_token="abc",
        attempts=attempts,
        progress=40,
    )


def test_the_registry_refuses_a_second_hook_under_a_taken_name(monkeypatch):
    monkeypatch.setattr(worker, "_hooks", {})

    def first():
        return "first"

    worker.register_startup_hook("app.hook", first)
    worker.register_startup_hook("app.hook", first)  # ready() run twice: same function, fine
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        worker.register_startup_hook("app.hook", lambda: "second")
    assert worker.run_startup_hooks() == {"app.hook": "first"}


def test_one_failing_hook_does_not_stop_the_others(monkeypatch):
    monkeypatch.setattr(worker, "_hooks", {})
    worker.register_startup_hook("broken", lambda: 1 / 0)
    worker.register_startup_hook("fine", lambda: "ok")
    results = worker.run_startup_hooks()
    assert isinstance(results["broken"], ZeroDivisionError) and results["fine"] == "ok"


def test_media_registers_its_hook():
    assert "media.requeue_transcodes" in worker.startup_hooks()


def test_the_hook_requeues_a_stale_processing_video_and_leaves_a_fresh_one_alone(videos, settings):
    settings.TASKS = DATABASE_TASKS  # tasks wait in the database, as with the real worker
    from django_tasks_db.models import DBTaskResult

    stale, fresh, _ = videos
    processing(stale, seconds_ago=settings.VIDEO_TRANSCODE_STALE_SECONDS + 60)
    processing(fresh, seconds_ago=5)
    Video.objects.filter(pk=videos[2].pk).update(status=TranscodeStatus.READY)

    requeued, given_up = tasks.requeue_unfinished()

    assert requeued == [stale.pk] and given_up == []
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == TranscodeStatus.QUEUED and stale.transcode_token == "" and stale.progress == 0
    assert fresh.status == TranscodeStatus.PROCESSING and fresh.transcode_token == "abc"
    waiting = DBTaskResult.objects.ready().filter(task_path="media.tasks.transcode_video")
    assert [row["args"] for row in waiting.values_list("args_kwargs", flat=True)] == [[stale.pk]]


def test_a_queued_video_without_a_waiting_task_gets_one_and_only_one(videos, settings):
    settings.TASKS = DATABASE_TASKS
    from django_tasks_db.models import DBTaskResult

    orphan, waiting, done = videos
    tasks.transcode_video.enqueue(waiting.pk)  # still in the queue: nothing to add
    Video.objects.filter(pk=done.pk).update(status=TranscodeStatus.READY)

    assert tasks.requeue_unfinished() == ([orphan.pk], [])
    assert tasks.requeue_unfinished() == ([], [])  # a second start finds a task for each
    queued_ids = sorted(
        row["args"][0] for row in DBTaskResult.objects.ready().values_list("args_kwargs", flat=True) if row
    )
    assert queued_ids == sorted([orphan.pk, waiting.pk])


def test_a_video_that_keeps_stalling_is_given_up_on(videos, settings):
    settings.TASKS = DATABASE_TASKS
    video = videos[0]
    processing(video, seconds_ago=10_000, attempts=settings.VIDEO_TRANSCODE_MAX_ATTEMPTS)
    Video.objects.exclude(pk=video.pk).update(status=TranscodeStatus.READY)
    assert tasks.requeue_unfinished() == ([], [video.pk])
    video.refresh_from_db()
    assert video.status == TranscodeStatus.FAILED and video.can_retry
    assert "interrupted 3 times" in video.failure_reason


@pytest.mark.django_db(transaction=True)  # the worker closes database connections between tasks
def test_the_worker_command_runs_the_hooks_then_finishes_the_work(videos, settings):
    """``db_worker --batch``: the stale video is queued again at start-up, then converted."""
    settings.TASKS = DATABASE_TASKS
    stale = videos[0]
    processing(stale, seconds_ago=settings.VIDEO_TRANSCODE_STALE_SECONDS + 1)
    Video.objects.exclude(pk=stale.pk).update(status=TranscodeStatus.READY)

    call_command("db_worker", batch=True, startup_delay=False, reload=False, queue_name="media", verbosity=0)

    stale.refresh_from_db()
    assert stale.status == TranscodeStatus.READY and stale.attempts == 2
    assert stale.mp4_720 and stale.thumbnail


def test_retry_takes_a_stalled_video_but_not_a_live_one(videos, settings, django_capture_on_commit_callbacks):
    stalled, live, _ = videos
    processing(stalled, seconds_ago=settings.VIDEO_TRANSCODE_STALE_SECONDS + 1)
    processing(live, seconds_ago=1)
    assert Video.objects.get(pk=stalled.pk).status_label == "Processing 40% (stalled)"
    assert Video.objects.get(pk=live.pk).status_label == "Processing 40%"

    assert pipeline.retry_transcode(live) is False
    with django_capture_on_commit_callbacks(execute=True):
        assert pipeline.retry_transcode(stalled) is True
    stalled.refresh_from_db()
    assert stalled.is_ready and stalled.attempts == 2


def test_scratch_dirs_of_dead_workers_are_removed_and_live_ones_kept(tmp_path, monkeypatch, settings):
    import os
    import time

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    old, live = tmp_path / f"{tasks.SCRATCH_PREFIX}old", tmp_path / f"{tasks.SCRATCH_PREFIX}live"
    for directory in (old, live):
        directory.mkdir()
        (directory / "720.mp4").write_bytes(b"partial")
    long_ago = time.time() - settings.VIDEO_TRANSCODE_STALE_SECONDS - 60
    for path in (old, old / "720.mp4", live):
        os.utime(path, (long_ago, long_ago))  # live's output file is still being written

    tasks.remove_abandoned_scratch_dirs()
    assert not old.exists() and live.exists()
