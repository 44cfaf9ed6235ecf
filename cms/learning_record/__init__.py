"""The learning record: the one seam the feature apps share for progress (see ``api``).

from cms.learning_record import Verb, events_for, record_event
"""

__all__ = ["Verb", "events_for", "record_event"]


def __getattr__(name):
    # Lazy, so the package can be imported while Django is still loading apps.
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
