"""The video pipeline: upload validation, transcoding with ffmpeg, posters, captions.

Uploaded and transcoded files live under the data directory (MEDIA_ROOT), never here.
"""
