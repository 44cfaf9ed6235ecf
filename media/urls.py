from django.urls import path

from . import serving

app_name = "video_media"

urlpatterns = [
    path("<int:video_id>/<str:rendition>.mp4", serving.rendition, name="rendition"),
    path("<int:video_id>/poster.jpg", serving.poster, name="poster"),
    path("tracks/<int:track_id>.vtt", serving.track, name="track"),
]
