"""For test factories only: insert a guarded page live without going through the check.

Fast fixtures (hundreds of stories for a listing test) need pages that are live at once.
The guard is not switched off by a setting or a flag the site could be left with: this
disconnects its signal receiver for one model for the length of a ``with`` block.
"""

from contextlib import contextmanager

from django.db.models.signals import pre_save

from .publishing import guard_page_publish


@contextmanager
def publish_guard_suspended(model):
    uid = f"anonymisation-guard-{model._meta.label_lower}"
    disconnected = pre_save.disconnect(guard_page_publish, sender=model, dispatch_uid=uid)
    try:
        yield
    finally:
        if disconnected:
            pre_save.connect(guard_page_publish, sender=model, dispatch_uid=uid)
