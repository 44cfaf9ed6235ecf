"""Admin views wagtailmedia does not have: Retry a transcode, and a video's caption tracks.

Each checks that the user may change that video under wagtailmedia's permission policy
(``video.is_editable_by_user``: collection permissions, or owning an upload with "add");
anyone else gets Wagtail's permission-denied answer. Changes are POST only, with Django's
CSRF check. The caption tracks are a page of their own, linked from the video's edit
page: a list, an upload form (checked strictly by captions.validate_webvtt against the
video's duration) and a delete button per track.
"""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from .forms import CaptionTrackForm
from .models import CaptionTrack, Video
from .pipeline import retry_transcode


def _editable_video(request, video_id):
    video = get_object_or_404(Video, pk=video_id)
    return video if video.is_editable_by_user(request.user) else None


def _back_to_edit(video):
    return redirect("wagtailmedia:edit", video.pk)


@require_POST
def retry(request, video_id):
    video = _editable_video(request, video_id)
    if video is None:
        return permission_denied(request)
    if retry_transcode(video):
        messages.success(request, f"“{video.title}” is queued to be converted again.")
    else:
        video.refresh_from_db()
        messages.warning(
            request, f"“{video.title}” has nothing to retry: it is {video.status_label.lower()}."
        )
    return _back_to_edit(video)


@require_http_methods(["GET", "POST"])
def caption_tracks(request, video_id):
    video = _editable_video(request, video_id)
    if video is None:
        return permission_denied(request)
    if request.method == "POST":
        form = CaptionTrackForm(request.POST, request.FILES, video=video)
        if form.is_valid():
            track = form.save()
            messages.success(request, f"{track} saved for “{video.title}”.")
            return redirect("video_media_admin:tracks", video.pk)
        messages.error(request, "The caption file could not be saved: see the errors below.")
    else:
        form = CaptionTrackForm(video=video)
    return TemplateResponse(
        request,
        "video_media/admin/caption_tracks.html",
        {"video": video, "tracks": video.tracks.all(), "form": form},
    )


@require_POST
def delete_caption_track(request, video_id, track_id):
    video = _editable_video(request, video_id)
    if video is None:
        return permission_denied(request)
    track = get_object_or_404(CaptionTrack, pk=track_id, video=video)
    track.delete()
    messages.success(request, f"{track} deleted from “{video.title}”.")
    return redirect(reverse("video_media_admin:tracks", args=[video.pk]))
