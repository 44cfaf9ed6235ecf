"""``manage.py import_video FILE --title TITLE [--captions FILE.vtt] [--language en] [--wait]``

The admin upload's checks and pipeline from the command line (pipeline.create_video): a
file that would be refused in the admin is refused here, with the same message and a
non-zero exit status, and nothing is stored. ``--wait`` converts the video in this
process, printing progress, and fails if the conversion fails.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from media.models import CaptionKind
from media.pipeline import create_video
from media.probe import VideoRejected


class Command(BaseCommand):
    help = (
        "Check a video file and add it to the video library "
        "(queued for conversion, or converted now with --wait)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The video file.")
        parser.add_argument("--title", required=True, help="The video's title in the library.")
        parser.add_argument(
            "--captions",
            action="append",
            default=[],
            metavar="FILE.vtt",
            help="A WebVTT caption file (may repeat).",
        )
        parser.add_argument(
            "--language",
            action="append",
            default=[],
            help="Language tag of each --captions file, in the same order (default en).",
        )
        parser.add_argument(
            "--kind",
            choices=CaptionKind.values,
            default=CaptionKind.CAPTIONS,
            help="Kind of the caption tracks.",
        )
        parser.add_argument(
            "--wait", action="store_true", help="Convert now, in this process, showing progress."
        )

    def handle(self, *args, file, title, captions, language, kind, wait, verbosity, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        if len(language) > len(captions):
            raise CommandError("There are more --language options than --captions files.")
        languages = language + ["en"] * (len(captions) - len(language))
        tracks = []
        for caption_file, lang in zip(captions, languages, strict=True):
            caption_path = Path(caption_file)
            if not caption_path.is_file():
                raise CommandError(f"{caption_file}: no such file.")
            tracks.append((caption_path, lang, _label(lang), kind))

        last = [-1]

        def progress(percent):
            if verbosity >= 1 and percent != last[0]:
                last[0] = percent
                self.stdout.write(f"Converting: {percent}%")

        try:
            video = create_video(path, title=title, captions=tracks, transcode_now=wait, on_progress=progress)
        except VideoRejected as rejected:
            raise CommandError(f"{path.name}: {rejected.message}") from rejected
        except ValidationError as invalid:
            raise CommandError("A caption file was refused: " + " ".join(invalid.messages)) from invalid

        if wait:
            if not video.is_ready:
                raise CommandError(
                    f"Video {video.pk} “{video.title}” was stored but not converted: {video.failure_reason}"
                )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Video {video.pk} “{video.title}” is ready ({video.duration:.1f} seconds)."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Video {video.pk} “{video.title}” added; it is queued to be converted by the worker."
                )
            )


def _label(language):
    return {"en": "English", "cy": "Cymraeg"}.get(language.split("-")[0].lower(), language)
