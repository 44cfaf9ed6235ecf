"""Our monkeypatches of Whoosh, applied explicitly by the backend (not on import), and
only to the Whoosh version they were written against: they replace private methods of
the per-segment reader (``W3PerDocReader``)."""

import threading

import whoosh
from django.core.exceptions import ImproperlyConfigured

#: The Whoosh release whose internals the patches below were written against.
PATCHED_WHOOSH_VERSION = (2, 7, 4)

_applied = False
_apply_lock = threading.Lock()


def _version_string(version):
    return ".".join(str(part) for part in version)


def check_whoosh_version():
    """Raise ImproperlyConfigured unless the installed Whoosh is the patched version."""
    installed = tuple(getattr(whoosh, "__version__", ()))
    if installed != PATCHED_WHOOSH_VERSION:
        raise ImproperlyConfigured(
            f"search.backends.whoosh patches Whoosh {_version_string(PATCHED_WHOOSH_VERSION)} "
            f"internals (whoosh.codec.whoosh3.W3PerDocReader._cached_reader and "
            f"doc_field_length), but Whoosh "
            f"{_version_string(installed) or '(unknown version)'} is installed. Pin "
            f"whoosh=={_version_string(PATCHED_WHOOSH_VERSION)}, or check that the patch in "
            f"search/backends/whoosh/patches.py still fits the new version and update "
            f"PATCHED_WHOOSH_VERSION."
        )


def apply_whoosh_patches():
    """Check the Whoosh version, then apply the patches (once; later calls only check)."""
    global _applied
    check_whoosh_version()
    with _apply_lock:
        if _applied:
            return
        _cache_missing_length_columns()
        _read_lengths_in_one_go()
        _applied = True


def _cache_missing_length_columns():
    """Whoosh's per-segment reader looks up a field's length column with a ``stat()``
    every time when the column does not exist (only found readers are cached); while a
    segment is written, that happens once per posting of every unscored field (IDs,
    keywords, numbers) -- hundreds of thousands of ``stat()`` calls per 1,000 documents.
    A finished segment's column files never change, so remembering the misses is safe."""
    from whoosh.codec import whoosh3

    cls = whoosh3.W3PerDocReader
    if getattr(cls, "_missing_columns_cached", False):
        return
    original = cls._cached_reader

    def _cached_reader(self, fieldname, column):
        missing = self.__dict__.setdefault("_missing_columns", set())
        if fieldname in missing:
            return None
        reader = original(self, fieldname, column)
        if reader is None:
            missing.add(fieldname)
        return reader

    cls._cached_reader = _cached_reader
    cls._missing_columns_cached = True


def _read_lengths_in_one_go():
    """BM25 scoring and writing a segment look up a document's field length once per
    posting, each a separate read from the segment's lengths file (a quarter of a
    commit's time, and of a query's). A segment's lengths never change, so read a
    field's column (one byte per document) once and index into it."""
    from whoosh.codec import whoosh3
    from whoosh.util.numeric import byte_to_length

    cls = whoosh3.W3PerDocReader
    if getattr(cls, "_lengths_read_in_one_go", False):
        return
    lenfield = whoosh3._lenfield
    column = whoosh3.LENGTHS_COLUMN

    def doc_field_length(self, docnum, fieldname, default=0):
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        lengths = self.__dict__.setdefault("_length_bytes", {})
        data = lengths.get(fieldname, False)
        if data is False:
            reader = self._cached_reader(lenfield(fieldname), column)
            data = lengths[fieldname] = None if reader is None else bytes(reader)
        if data is None:
            return default
        lbyte = data[docnum] if docnum < len(data) else 0
        if lbyte:
            return byte_to_length(lbyte)
        return None  # (as Whoosh does for a zero length byte)

    cls.doc_field_length = doc_field_length
    cls._lengths_read_in_one_go = True
