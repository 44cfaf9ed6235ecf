"""Admin hooks: the Retry and caption-track views (admin_views.py) under /admin/videos/.

The status and the links to them appear on wagtailmedia's own listing and edit page
through small template overrides (templates/wagtailmedia/media/).
"""

from django.urls import include, path
from wagtail import hooks

from . import admin_urls


@hooks.register("register_admin_urls")
def register_video_admin_urls():
    return [path("videos/", include(admin_urls, namespace="video_media_admin"))]
