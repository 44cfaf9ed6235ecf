"""Serving a video's renditions, poster and caption tracks, with HTTP Range so seeking works.

Every response goes through one rule (``access.py``): nothing is served unless the video
is ready, its file exists and the visitor may see it; otherwise 404, never 403, so the
existence of a draft video is not given away.

Where the bytes come from depends on the storage:

* Local files (FileSystemStorage, development and small installs): served here, with
  ``Accept-Ranges: bytes``. ``Range: bytes=a-b``, ``a-`` and ``-n`` get 206 with exactly
  those bytes, read with seek and streamed in chunks, never the whole file in memory.
  A range that starts past the end gets 416 with ``Content-Range: bytes */size``. A
  request for several ranges gets 200 with the whole file (allowed by RFC 9110, and
  players only ever ask for one). ETag and Last-Modified answer conditional requests
  (304), and ``If-Range`` falls back to the whole file when the file has changed.
* Object storage (S3Storage: no local path): renditions and posters redirect (302) to
  the storage's presigned URL, and the storage answers Range itself, so video bytes never
  pass through the web workers. Caption tracks are still served from here (read from the
  storage; they are at most 1 MB): a ``<track>`` from another origin would need CORS
  on the bucket and a ``crossorigin`` video, and is silently dropped by browsers without.

Caching: a stored file is never changed in place (a new transcode is saved under a new
name), so a URL that carries the file's version (``?v=``, see ``versioned_url``) is
cached for a year as immutable; without it, caches must revalidate (cheap, with the
ETag). ``public`` only when a live, unrestricted page uses the video; ``private`` otherwise.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import stat
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from . import access
from .models import CaptionTrack, Video

RENDITIONS = {"720": "mp4_720", "360": "mp4_360"}
TRACK_CONTENT_TYPE = "text/vtt; charset=utf-8"
CHUNK_SIZE = 64 * 1024
YEAR = 365 * 24 * 3600
# One range only; 19 digits is as large as any file size gets (and keeps int() cheap).
_RANGE = re.compile(r"^bytes=[ \t]*(\d{0,19})[ \t]*-[ \t]*(\d{0,19})[ \t]*$", re.IGNORECASE)


class RangeNotSatisfiable(Exception):
    """The Range header asks only for bytes the file does not have: answer 416."""


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte (inclusive) asked for by a single-range ``Range`` header.

    ``None`` means "serve the whole file": no header, several ranges, another unit or a
    malformed value (RFC 9110 lets a server ignore a Range it will not or cannot use).
    Raises ``RangeNotSatisfiable`` when the range starts past the end of the file.
    """
    match = _RANGE.match((header or "").strip())
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last n bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - suffix), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # invalid, not unsatisfiable
    if start >= size:
        raise RangeNotSatisfiable
    return start, min(int(last), size - 1) if last else size - 1


def file_version(fieldfile) -> str:
    """A short token that changes whenever the stored file does (its name does)."""
    return hashlib.sha256(fieldfile.name.encode()).hexdigest()[:12]


def versioned_url(url: str, fieldfile) -> str:
    """``url`` with the file's version, so browsers and CDNs may keep it for a year."""
    return f"{url}?{urlencode({'v': file_version(fieldfile)})}" if fieldfile else url


@require_safe
def rendition(request, video_id, rendition):
    field = RENDITIONS.get(rendition)
    if field is None:
        raise Http404
    video = get_object_or_404(Video, pk=video_id)
    scope = _audience(request, video)
    return serve_file(request, getattr(video, field), "video/mp4", scope)


@require_safe
def poster(request, video_id):
    video = get_object_or_404(Video, pk=video_id)
    scope = _audience(request, video)
    guessed = mimetypes.guess_type(video.thumbnail.name or "")[0] or ""
    content_type = guessed if guessed.startswith("image/") else "image/jpeg"
    return serve_file(request, video.thumbnail, content_type, scope)


@require_safe
def track(request, track_id):
    caption_track = get_object_or_404(CaptionTrack.objects.select_related("video"), pk=track_id)
    scope = _audience(request, caption_track.video)
    return serve_file(request, caption_track.file, TRACK_CONTENT_TYPE, scope, redirect_remote=False)


def _audience(request, video) -> str:
    """``access.PUBLIC`` or ``access.PRIVATE``; 404 when not ready or not visible."""
    if not video.is_ready:
        raise Http404
    scope = access.audience(video, request.user, request)
    if scope is None:
        raise Http404
    return scope


def serve_file(request, fieldfile, content_type, scope, redirect_remote=True):
    """The stored file behind ``fieldfile`` as a (possibly partial) response; 404 if missing.

    ``redirect_remote``: on storage with no local path, redirect to the storage's URL
    rather than streaming through this process.
    """
    if not fieldfile:
        raise Http404
    storage, name = fieldfile.storage, fieldfile.name
    try:
        path = storage.path(name)
    except NotImplementedError:
        path = None

    if path is None:
        if redirect_remote:
            # A presigned URL expires, so the redirect itself is not kept by caches.
            response = HttpResponseRedirect(fieldfile.url)
            response["Cache-Control"] = "private, no-cache"
            return response
        if not storage.exists(name):
            raise Http404
        size = storage.size(name)
        try:
            modified = int(storage.get_modified_time(name).timestamp())
        except (NotImplementedError, AttributeError):
            modified = None

        def opener():
            return storage.open(name, "rb")

    else:
        try:
            info = os.stat(path)
        except OSError:
            raise Http404 from None
        if not stat.S_ISREG(info.st_mode):
            raise Http404
        size, modified = info.st_size, int(info.st_mtime)

        def opener():
            return open(path, "rb")  # closed by _read_range

    etag = '"{}"'.format(hashlib.sha256(f"{name}|{size}|{modified}".encode()).hexdigest()[:24])
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Cache-Control": _cache_control(request, fieldfile, scope),
    }
    if modified is not None:
        headers["Last-Modified"] = http_date(modified)

    base = HttpResponse(content_type=content_type, headers=headers)
    conditional = get_conditional_response(request, etag=etag, last_modified=modified, response=base)
    if conditional is not base:
        return conditional  # 304 Not Modified or 412 Precondition Failed

    byte_range = None
    # RFC 9110: Range is defined for GET only (HEAD describes the whole file).
    if request.method == "GET" and _if_range_passes(request, etag, modified):
        try:
            byte_range = parse_range(request.headers.get("Range", ""), size)
        except RangeNotSatisfiable:
            response = HttpResponse(status=416, headers={"Content-Range": f"bytes */{size}"})
            response["Accept-Ranges"] = "bytes"
            return response

    start, length, status = 0, size, 200
    if byte_range is not None:
        start, end = byte_range
        length, status = end - start + 1, 206
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"

    if request.method == "HEAD":
        response = HttpResponse(status=status, content_type=content_type, headers=headers)
    else:
        response = StreamingHttpResponse(
            _read_range(opener, start, length), status=status, content_type=content_type, headers=headers
        )
    response["Content-Length"] = str(length)
    return response


def _if_range_passes(request, etag, modified) -> bool:
    """False when ``If-Range`` names another version of the file: send it all instead."""
    value = request.headers.get("If-Range", "").strip()
    if not value:
        return True
    if value.startswith(('"', "W/")):
        return value == etag  # a weak validator never matches (RFC 9110 13.1.5)
    date = parse_http_date_safe(value)
    return date is not None and modified is not None and date == modified


def _read_range(opener, start, length):
    """Yield ``length`` bytes from ``start`` in chunks. The file is opened only once the
    response is being sent, and closed when it finishes or the client goes away."""
    with opener() as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


def _cache_control(request, fieldfile, scope) -> str:
    if request.GET.get("v") == file_version(fieldfile):
        return f"{scope}, max-age={YEAR}, immutable"
    return f"{scope}, no-cache"
