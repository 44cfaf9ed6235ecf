"""Every image stored as an original has had its metadata removed (see metadata.py).

The `pre_save` handler on Wagtail's image model catches every way an image arrives: the
admin's add and edit forms, multiple upload, the chooser's upload, "create from uploaded
image" (which writes the file to storage before saving the image) and code calling
`Image.objects.create(file=...)`. Renditions are made from the stripped original.
"""

import hashlib
import os

from django.core.files.base import ContentFile

from .metadata import strip_metadata


def strip_new_image_file(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    field_file = instance.file
    if not field_file:
        return
    if not field_file._committed:  # an upload not yet written to storage
        content = field_file.file
        content.seek(0)
        stripped, _format, size = strip_metadata(content.read())
        instance.file = ContentFile(stripped, name=field_file.name)
    elif _stored_file_is_new(sender, instance):  # already written, e.g. by file.save(save=False)
        old_name = field_file.name
        with field_file.storage.open(old_name, "rb") as stored:
            stripped, _format, size = strip_metadata(stored.read())
        field_file.save(os.path.basename(old_name), ContentFile(stripped), save=False)
        if not sender._default_manager.filter(file=old_name).exists():
            field_file.storage.delete(old_name)
    else:
        return
    instance.width, instance.height = size
    instance.file_size = len(stripped)
    instance.file_hash = hashlib.sha1(stripped).hexdigest()  # as Wagtail's hash_filelike


def _stored_file_is_new(sender, instance):
    """Whether the image's (already stored) file is not the one its saved row points at."""
    if instance._state.adding:
        return True
    saved = sender._default_manager.filter(pk=instance.pk).values_list("file", flat=True).first()
    return saved != instance.file.name
