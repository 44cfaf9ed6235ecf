"""
Tests for the Whoosh backend's moving parts around the index files: the version-checked
Whoosh patch, the bounded background writer, and opening/closing index stores.
"""

import gc
import logging
import os
import shutil
import threading
import time

import pytest
import whoosh
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page
from whoosh import query as wq
from whoosh.codec import whoosh3

from search.backends.whoosh import (
    DEFAULT_RETRY_TIMEOUT,
    IndexStore,
    StoreClosedError,
    WhooshSearchBackend,
    apply_whoosh_patches,
    close_all_stores,
    make_schema,
    patches,
    text_column,
)

COLUMNS = {"doc_id", "doc_pk", "doc_ct", "doc_has", "doc_fv", "doc_model", "spell", "t_title"}


def schema_factory():
    return make_schema(COLUMNS)


def doc(pk, title):
    return {"doc_id": str(pk), "doc_pk": pk, "doc_ct": "app.thing", "t_title": title, "spell": title}


def add_docs(store, name, docs):
    def fn(writer):
        for d in docs:
            writer.update_document(**d)

    return store.write(name, fn, schema_factory)


def all_ids(store, name):
    return sorted(int(f["doc_id"]) for f in store.searcher(name).all_stored_fields())


def open_handles(path):
    """Files under ``path`` this process has open or memory-mapped (Linux)."""
    path = os.path.abspath(os.fspath(path))
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(path):
            found.append(target)
    with open("/proc/self/maps") as maps:
        found += [line.split()[-1] for line in maps if path in line]
    return found


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")


# ---------------------------------------------------------------------------
# Whoosh patch
# ---------------------------------------------------------------------------


def test_backend_applies_the_whoosh_patch_once(tmp_path):
    WhooshSearchBackend({"PATH": str(tmp_path / "index")})
    patched = whoosh3.W3PerDocReader.__dict__["_cached_reader"]
    assert whoosh3.W3PerDocReader._missing_columns_cached is True
    apply_whoosh_patches()
    WhooshSearchBackend({"PATH": str(tmp_path / "index")})
    assert whoosh3.W3PerDocReader.__dict__["_cached_reader"] is patched  # not wrapped twice


def test_patched_reader_remembers_missing_columns(tmp_path):
    apply_whoosh_patches()
    store = IndexStore(tmp_path / "index")
    add_docs(store, "things", [doc(1, "alpha")])
    (segment_reader,) = [r for r, _ in store.searcher("things").reader().leaf_readers()]
    perdoc = segment_reader._perdoc
    assert perdoc._cached_reader("no_such_column", None) is None
    assert "no_such_column" in perdoc._missing_columns
    store.close()


def test_other_whoosh_version_is_refused_not_patched(monkeypatch, tmp_path):
    def unpatched(self, fieldname, column):  # pragma: no cover - never called
        return None

    # pretend the patch was never applied, and that a newer Whoosh is installed
    monkeypatch.setattr(patches, "_applied", False)
    monkeypatch.setattr(whoosh3.W3PerDocReader, "_cached_reader", unpatched)
    monkeypatch.setattr(whoosh3.W3PerDocReader, "_missing_columns_cached", False)
    monkeypatch.setattr(whoosh, "__version__", (2, 7, 5))

    with pytest.raises(ImproperlyConfigured, match=r"Whoosh 2\.7\.4 .*but Whoosh 2\.7\.5 is installed"):
        apply_whoosh_patches()
    with pytest.raises(ImproperlyConfigured):
        WhooshSearchBackend({"PATH": str(tmp_path / "index")})
    assert whoosh3.W3PerDocReader._cached_reader is unpatched
    assert patches._applied is False


# ---------------------------------------------------------------------------
# Background writer
# ---------------------------------------------------------------------------


@pytest.fixture
def locked_index(tmp_path):
    """``(path, release)``: an index whose write lock another writer holds until released."""
    path = str(tmp_path / "index")
    with IndexStore(path) as setup:
        add_docs(setup, "things", [doc(1, "first")])
    holder = IndexStore(path)
    blocking_writer = holder.open("things", holder.current_generation("things")).writer()
    yield path
    blocking_writer.cancel()
    holder.close()


def test_background_retry_gives_up_after_its_bound_and_logs(locked_index, caplog):
    store = IndexStore(locked_index, lock_timeout=0.1, lock_delay=0.01, retry_timeout=0.5)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="search.backends.whoosh.store"):
        assert add_docs(store, "things", [doc(2, "second")]) is False  # deferred
        (thread,) = store._pending
        assert thread.daemon
        thread.join(timeout=10)
        assert not thread.is_alive()
    elapsed = time.monotonic() - started
    assert 0.5 <= elapsed < 5
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "Gave up a deferred Whoosh index update of things" in errors[0].getMessage()
    assert "dropped" in errors[0].getMessage()
    assert all_ids(store, "things") == [1]  # the update was dropped, not half-applied
    store.close()


def test_retry_bound_is_a_backend_option(tmp_path):
    default = WhooshSearchBackend({"PATH": str(tmp_path / "a")})
    assert default.store.retry_timeout == DEFAULT_RETRY_TIMEOUT == 300
    custom = WhooshSearchBackend({"PATH": str(tmp_path / "b"), "WRITE_RETRY_TIMEOUT": 7})
    assert custom.store.retry_timeout == 7.0


def test_close_stops_the_background_writer(locked_index, caplog):
    store = IndexStore(locked_index, lock_timeout=0.1, lock_delay=0.01, retry_timeout=600)
    with caplog.at_level(logging.ERROR, logger="search.backends.whoosh.store"):
        assert add_docs(store, "things", [doc(2, "second")]) is False
        (thread,) = store._pending
        started = time.monotonic()
        store.close()
        assert time.monotonic() - started < 5
        thread.join(timeout=5)
    assert not thread.is_alive()
    assert "the index store was closed" in caplog.text


# ---------------------------------------------------------------------------
# Store lifecycle
# ---------------------------------------------------------------------------


def test_one_shared_store_per_path(tmp_path):
    store = IndexStore.for_path(tmp_path / "index", lock_timeout=3)
    assert IndexStore.for_path(str(tmp_path / "index") + os.sep) is store
    assert IndexStore.for_path(tmp_path / "other") is not store
    assert IndexStore(tmp_path / "index") is not store  # direct construction: private store
    store.close()
    reopened = IndexStore.for_path(tmp_path / "index")
    assert reopened is not store and not reopened.closed
    close_all_stores()


@needs_proc
def test_close_releases_every_file_handle(tmp_path):
    path = tmp_path / "index"
    store = IndexStore.for_path(path)
    add_docs(store, "things", [doc(1, "alpha"), doc(2, "beta")])
    searchers = [store.searcher("things")]
    assert len(searchers[0].search(wq.Term(text_column("title"), "beta"))) == 1

    # another thread, still alive while the store is closed, has its own searcher
    got_searcher, finish = threading.Event(), threading.Event()

    def search_then_wait():
        searchers.append(store.searcher("things"))
        got_searcher.set()
        finish.wait(10)

    thread = threading.Thread(target=search_then_wait)
    thread.start()
    got_searcher.wait(10)
    assert open_handles(path)

    store.close()
    assert store.closed
    assert all(s.is_closed for s in searchers) and len(searchers) == 2
    with pytest.raises(StoreClosedError):
        store.searcher("things")
    with pytest.raises(StoreClosedError):
        add_docs(store, "things", [doc(3, "gamma")])
    finish.set()
    thread.join()
    del searchers[:]  # (Whoosh unmaps a segment once nothing references its reader)
    gc.collect()
    assert open_handles(path) == []

    # the directory can be removed and an index opened there again
    shutil.rmtree(path)
    store = IndexStore.for_path(path)
    assert store.searcher("things") is None
    add_docs(store, "things", [doc(4, "delta")])
    assert all_ids(store, "things") == [4]
    store.close()


@needs_proc
def test_rebuild_swap_closes_the_old_generation(tmp_path):
    backend = WhooshSearchBackend({"PATH": str(tmp_path / "index")})
    index = backend.get_index_for_model(Page)
    index.reset()  # an empty live generation
    old_generation = backend.store.current_generation(index.name)
    old_searcher = index.searcher()
    old_searcher.doc_count()  # opens the segment

    rebuilder = backend.rebuilder_class(index)
    rebuilder.start()
    rebuilder.finish()

    assert backend.store.current_generation(index.name) != old_generation
    assert old_searcher.is_closed
    new_searcher = index.searcher()
    assert new_searcher is not old_searcher and not new_searcher.is_closed
    del old_searcher
    gc.collect()
    old_dir = os.path.join(backend.store.path, f"{index.name}.{old_generation}")
    assert not os.path.exists(old_dir)
    assert open_handles(old_dir) == []


def test_searchers_of_finished_threads_are_closed(tmp_path):
    store = IndexStore(tmp_path / "index")
    add_docs(store, "things", [doc(1, "alpha")])
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(store.searcher("things")))
    thread.start()
    thread.join()
    store.searcher("things")  # any later use tidies up after ended threads
    assert theirs[0].is_closed
    store.close()


def test_backend_reopens_its_store_after_close_all(tmp_path):
    backend = WhooshSearchBackend({"PATH": str(tmp_path / "index"), "LOCK_TIMEOUT": 4})
    first = backend.store
    close_all_stores()
    assert first.closed
    second = backend.store
    assert second is not first and not second.closed
    assert second.lock_timeout == 4.0
    assert IndexStore.for_path(tmp_path / "index") is second
    second.close()
