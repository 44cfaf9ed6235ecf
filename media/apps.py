from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "media"
    label = "video_media"
    verbose_name = "Video media"
