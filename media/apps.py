"""The video library app (app label ``video_media``).

ready() connects the file clean-up on delete and registers the worker start-up hook that
picks unfinished transcodes up after a restart (cms.core.worker).
"""

from django.apps import AppConfig
from django.db.models.signals import post_delete


def requeue_transcodes():
    from .tasks import requeue_unfinished

    requeued, given_up = requeue_unfinished()
    return f"{len(requeued)} transcode(s) queued again, {len(given_up)} given up"


class MediaConfig(AppConfig):
    name = "media"
    label = "video_media"
    verbose_name = "Video media"

    def ready(self):
        from cms.core.worker import register_startup_hook
        from cms.users.personal_data import declare_not_personal

        from .models import CaptionTrack, Video
        from .pipeline import delete_file_with_track, delete_files_with_video

        post_delete.connect(delete_files_with_video, sender=Video, dispatch_uid="video_media_renditions")
        post_delete.connect(delete_file_with_track, sender=CaptionTrack, dispatch_uid="video_media_tracks")
        register_startup_hook("media.requeue_transcodes", requeue_transcodes)
        declare_not_personal(
            Video,
            user_fields=("uploaded_by_user",),
            reason="Which editor uploaded a video: an editorial trail, cleared (SET_NULL) with the account.",
        )
