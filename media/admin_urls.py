"""Admin URLs under /admin/videos/ (registered in wagtail_hooks.py), beside wagtailmedia's /admin/media/."""

from django.urls import path

from . import admin_views

app_name = "video_media_admin"

urlpatterns = [
    path("<int:video_id>/retry/", admin_views.retry, name="retry"),
    path("<int:video_id>/tracks/", admin_views.caption_tracks, name="tracks"),
    path(
        "<int:video_id>/tracks/<int:track_id>/delete/",
        admin_views.delete_caption_track,
        name="delete_track",
    ),
]
