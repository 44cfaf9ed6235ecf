"""The upload form's base (WAGTAILMEDIA["MEDIA_FORM_BASE"]): a file is checked by probing it.

wagtailmedia's add, edit and chooser-upload views all build their form on this base, so
one ``clean_file`` covers every way in through the admin. A refused file is a form
error with the probe's message; the view then stores nothing (no row, no file). A new or
replaced file resets the status to queued, and the transcode is queued once the save
commits (pipeline.start_transcode). Caption tracks have their own form (CaptionTrackForm),
checked strictly against the video's length.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtailmedia.forms import BaseMediaForm

from .models import CaptionKind, CaptionTrack
from .probe import VideoRejected, probe_video


class VideoFormBase(BaseMediaForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._probe = None
        if "file" in self.fields:
            self.fields["file"].help_text = (
                "A video file such as an MP4, MOV or WebM. It is checked when you upload it, "
                "then converted for the web in the background."
            )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged on edit
        try:
            with local_path(upload) as path:
                self._probe = probe_video(path)
        except VideoRejected as rejected:
            raise ValidationError(rejected.message, code=rejected.code) from rejected
        return upload

    def save(self, commit=True):
        """On edit, write only the form's fields (and, for a new file, what its probe
        found): the worker updates status, progress and renditions on the same row
        while the page is open, and saving stale copies of those would undo its work."""
        from .pipeline import PROBED_FIELDS, apply_probe, start_transcode

        if self._probe is not None:
            apply_probe(self.instance, self._probe)
        else:
            self.instance.type = "video"
        if not commit or self.instance._state.adding:
            video = super().save(commit=commit)
        else:
            video = super().save(commit=False)
            concrete = {f.name for f in video._meta.concrete_fields}
            fields = [name for name in self.fields if name in concrete]
            video.save(update_fields=fields + (PROBED_FIELDS if self._probe is not None else []))
            self._save_m2m()
        if commit and self._probe is not None:
            start_transcode(video)
        return video


@contextmanager
def local_path(upload):
    """A path to the uploaded bytes: Django's temporary file for a large upload, else a
    temporary copy of the in-memory one (no extension: the content decides)."""
    if hasattr(upload, "temporary_file_path"):
        yield upload.temporary_file_path()
        return
    with tempfile.NamedTemporaryFile(prefix="video-upload-") as copy:
        upload.seek(0)
        shutil.copyfileobj(upload, copy, 1024 * 1024)
        copy.flush()
        upload.seek(0)
        yield copy.name


class CaptionTrackForm(forms.ModelForm):
    """Upload a WebVTT file for one video; checked with captions.validate_webvtt."""

    file = forms.FileField(
        label="WebVTT file (.vtt)",
        help_text="Captions with times that fit within the video. One file per kind and language; "
        "uploading another replaces it.",
        widget=forms.FileInput(attrs={"accept": ".vtt,text/vtt"}),
    )

    class Meta:
        model = CaptionTrack
        fields = ("kind", "language", "label", "file")

    def __init__(self, *args, video, **kwargs):
        super().__init__(*args, **kwargs)
        self.video = video
        self._data = None
        self.fields["kind"].initial = CaptionKind.CAPTIONS

    def clean_file(self):
        from .captions import validate_webvtt

        upload = self.cleaned_data["file"]
        if os.path.splitext(upload.name)[1].lower() not in ("", ".vtt"):
            raise ValidationError("Choose a WebVTT file: its name ends in .vtt.")
        data = upload.read()
        validate_webvtt(data, self.video.duration or None)
        self._data = data
        return upload

    def validate_unique(self):
        """A track of the same kind and language is replaced, not refused (pipeline)."""

    def save(self, commit=True):
        from .pipeline import add_caption_track

        return add_caption_track(
            self.video,
            self._data,
            language=self.cleaned_data["language"],
            label=self.cleaned_data["label"],
            kind=self.cleaned_data["kind"],
        )
