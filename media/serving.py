"""Serving renditions, posters and caption tracks (placeholder until the pipeline lands)."""

from django.http import Http404


def rendition(request, video_id, rendition):
    raise Http404


def poster(request, video_id):
    raise Http404


def track(request, track_id):
    raise Http404
