"""The upload form's base (WAGTAILMEDIA["MEDIA_FORM_BASE"]): a file is checked by probing it."""

from wagtailmedia.forms import BaseMediaForm


class VideoFormBase(BaseMediaForm):
    pass
