"""Video pipeline benchmark: the real transcode task against the same ffmpeg command run by hand.

    make bench        # or: .venv/bin/python -m tests.benchmarks.transcode_bench [--seconds 60] [--rounds 3]

A 60-second 1280x720 clip (ffmpeg's ``testsrc2`` picture and a ``sine`` tone, H.264/AAC
like a typical upload) is made once and stored through ``media.pipeline.create_video``
(with the task queue held, so nothing is transcoded yet). Then, alternately, each round
times:

(a) the pipeline: ``media.tasks.run_transcode`` on that video, the path a worker takes
    (claim, probe, ffmpeg with progress and heartbeats, probing the outputs, copying them
    to storage, marking the video ready);
(b) plain ffmpeg: the identical argv from ``media.transcode.build_command`` (same source,
    same preset), run with ``subprocess`` and nothing else.

Prints both medians and their ratio (target: at most 1.05, i.e. the pipeline adds no more
than 5% to ffmpeg's own time), and the CPU time of the child processes (ffmpeg, ffprobe)
beside it: on a busy machine wall times wander by more than 5% from run to run, while
CPU time says whether the pipeline makes ffmpeg do more work. Targets are printed, not
asserted: the exit status is 0.
Everything happens in a temporary DATA_DIR (SQLite database, uploads), removed at the end.
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.05


def setup_django(data_dir):
    os.environ["DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = os.path.join(data_dir, "uploads")
    # Transcodes run only when the benchmark says so (the test settings run tasks at once).
    queues = settings.TASKS["default"]["QUEUES"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": queues}}
    assert settings.DATABASES["default"]["NAME"].startswith(data_dir), settings.DATABASES["default"]
    import logging

    logging.disable(logging.INFO)


def make_clip(path, seconds, size):
    subprocess.run(
        [
            "ffmpeg", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=25:duration={seconds}",
            "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "20", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k", "-shortest", str(path),
        ],
        check=True,
    )  # fmt: skip


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(function, *args):
    """(wall seconds, child-process CPU seconds, result) of one call."""
    cpu, start = children_cpu(), time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, children_cpu() - cpu, result


def pipeline_run(video_id):
    """One transcode through the task, from a queued video to a ready one."""
    from media import tasks
    from media.models import TranscodeStatus

    video = tasks.run_transcode(video_id)
    if video is None or video.status != TranscodeStatus.READY:
        raise SystemExit(f"The pipeline's transcode did not finish: {video and video.failure_reason}")


def requeue(video_id):
    from media.models import TranscodeStatus, Video

    Video.objects.filter(pk=video_id).update(status=TranscodeStatus.QUEUED, progress=0, transcode_token="")


def plain_run(command):
    subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="length of the clip (default 60)")
    parser.add_argument("--size", default="1280x720", help="picture size of the clip (default 1280x720)")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary DATA_DIR")
    args = parser.parse_args(argv)

    data_dir = tempfile.mkdtemp(prefix="sts-bench-transcode-")
    try:
        setup_django(data_dir)
        from django.conf import settings
        from django.core.management import call_command

        from media.pipeline import create_video
        from media.probe import duration_and_audio
        from media.transcode import Outputs, build_command

        call_command("migrate", verbosity=0, interactive=False)
        source = Path(data_dir) / "bench-clip.mp4"
        t = time.perf_counter()
        make_clip(source, args.seconds, args.size)
        made = time.perf_counter() - t
        video = create_video(source, title="Benchmark clip")  # queued; the dummy backend holds it
        original = video.file.path  # what the task reads; the plain run reads the same file
        duration, _ = duration_and_audio(original)
        plain_dir = Path(data_dir) / "plain"
        plain_dir.mkdir()
        command = build_command(
            original,
            Outputs.in_dir(plain_dir),
            duration=video.duration or duration,
            preset=settings.VIDEO_TRANSCODE_PRESET,
        )

        print(
            f"transcode: a {args.seconds}s {args.size} clip (testsrc2 + sine; made in {made:.1f}s), "
            f"preset {settings.VIDEO_TRANSCODE_PRESET}, {os.cpu_count()} CPUs"
        )
        runs = {"pipeline": [], "plain": []}  # (wall, cpu) per round
        for n in range(args.rounds):
            # Alternate which goes first, so a drift in machine load hits both alike.
            order = ("pipeline", "plain") if n % 2 == 0 else ("plain", "pipeline")
            for which in order:
                if which == "pipeline":
                    requeue(video.pk)
                    wall, cpu, _ = timed(pipeline_run, video.pk)
                else:
                    wall, cpu, _ = timed(plain_run, command)
                runs[which].append((wall, cpu))
            (a, a_cpu), (b, b_cpu) = runs["pipeline"][-1], runs["plain"][-1]
            print(
                f"  round {n + 1}: pipeline {a:6.2f} s (CPU {a_cpu:6.2f} s), "
                f"plain ffmpeg {b:6.2f} s (CPU {b_cpu:6.2f} s)"
            )

        def medians(which):
            return tuple(statistics.median(run[i] for run in runs[which]) for i in (0, 1))

        (pipeline, pipeline_cpu), (plain, plain_cpu) = medians("pipeline"), medians("plain")
        ratio = pipeline / plain
        verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
        print(f"  {'':30}{'median wall':>12}{'min wall':>10}{'median CPU':>12}")
        for label, which, wall, cpu in (
            ("(a) pipeline (run_transcode)", "pipeline", pipeline, pipeline_cpu),
            ("(b) plain ffmpeg, same argv", "plain", plain, plain_cpu),
        ):
            print(f"  {label:30}{wall:>11.2f}s{min(run[0] for run in runs[which]):>9.2f}s{cpu:>11.2f}s")
        fastest = min(run[0] for run in runs["pipeline"]) / min(run[0] for run in runs["plain"])
        print(f"  wall-time ratio (a)/(b), medians: {ratio:.3f}  (target <= {TARGET_RATIO:.2f}: {verdict})")
        print(f"  wall-time ratio, fastest runs:    {fastest:.3f}  (for reference: least disturbed by load)")
        cpu_ratio = pipeline_cpu / plain_cpu
        print(f"  CPU-time ratio, medians:          {cpu_ratio:.3f}  (for reference: ffmpeg's work)")
    finally:
        if args.keep:
            print(f"Kept DATA_DIR: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
