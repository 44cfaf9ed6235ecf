"""Index files on disk: generations behind an atomically swapped pointer, the write
lock with bounded background retries, and per-thread cached searchers -- opened and closed
explicitly, so searchers and retry threads don't linger until garbage collection or exit."""

import atexit
import logging
import os
import shutil
import threading
import time
import uuid
import weakref
from contextlib import contextmanager

from whoosh import index as windex
from whoosh import scoring
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

logger = logging.getLogger(__name__)

#: Seconds a deferred write keeps retrying for the index lock before it is dropped.
DEFAULT_RETRY_TIMEOUT = 300.0


class StoreClosedError(RuntimeError):
    """An :class:`IndexStore` was used after :meth:`IndexStore.close`."""


def _close_quietly(resource):
    try:
        resource.close()
    except Exception:  # pragma: no cover - closing is best effort
        pass


class IndexStore:
    """
    Django-independent manager for a directory of Whoosh indexes.

    Each named index lives in ``<path>/<name>.<generation>/``; ``<path>/<name>.current``
    holds the live generation. Use :meth:`write` for updates (lock handling included),
    :meth:`searcher` for reads (cached per thread, refreshed automatically) and
    :meth:`create_generation` / :meth:`swap` / :meth:`drop_generation` for rebuilds.

    Lifecycle: :meth:`for_path` gives the one shared store per path (the backend's);
    ``IndexStore(path)`` makes a private one (tests use it to play "another process").
    :meth:`close` closes every thread's cached searchers and the open indexes, stops the
    background writers and unregisters the store; using it afterwards raises
    :class:`StoreClosedError`, and the next :meth:`for_path` opens a new one.
    :meth:`close_all` closes every open store. Dropping a generation after a rebuild swap
    closes its index and this thread's searchers of it; other threads close theirs on
    their next :meth:`searcher` call (a search running there is not cut off), when they
    end, or on :meth:`close`.
    """

    _instances = {}  # absolute path -> the shared store (for_path)
    _open_stores = weakref.WeakSet()  # every store not closed yet (close_all)
    _instances_lock = threading.RLock()

    def __init__(self, path, lock_timeout=10.0, lock_delay=0.05, retry_timeout=DEFAULT_RETRY_TIMEOUT):
        self.path = os.path.abspath(os.fspath(path))
        self.lock_timeout = lock_timeout
        self.lock_delay = lock_delay
        self.retry_timeout = retry_timeout
        self._lock = threading.RLock()
        self._indexes = {}  # generation dir -> whoosh FileIndex
        self._searchers = {}  # (thread, name, generation) -> whoosh Searcher
        self._searchers_lock = threading.Lock()
        self._pending = []
        self._stop = threading.Event()  # set by close(): background writers give up
        self._closed = False
        os.makedirs(self.path, exist_ok=True)
        with IndexStore._instances_lock:
            IndexStore._open_stores.add(self)

    def __repr__(self):
        return f"<IndexStore {self.path}{' (closed)' if self._closed else ''}>"

    @classmethod
    def for_path(cls, path, **kwargs):
        """The shared open store for ``path``, opened on first use (or after it was
        closed); ``kwargs`` (``lock_timeout``, ``retry_timeout``...) update its settings."""
        key = os.path.abspath(os.fspath(path))
        with cls._instances_lock:
            store = cls._instances.get(key)
            if store is None or store.closed:
                store = cls._instances[key] = cls(key, **kwargs)
            else:
                for name, value in kwargs.items():
                    setattr(store, name, value)
            return store

    # -- lifecycle -------------------------------------------------------------

    @property
    def closed(self):
        return self._closed

    def _check_open(self):
        if self._closed:
            raise StoreClosedError(f"The Whoosh index store for {self.path} is closed")

    def close(self, timeout=None):
        """
        Close the store: background writers stop retrying (an update they have not
        committed yet is dropped, with an error logged; one mid-attempt is waited for up
        to ``timeout`` seconds, default ``lock_timeout``), every thread's cached searchers
        and the open indexes are closed, and the store is unregistered. Idempotent.
        (Whoosh unmaps a segment file once nothing references its reader any more, so a
        caller still holding a searcher keeps that mapping until it lets go.)
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            pending, self._pending = self._pending, []
        self._stop.set()
        for thread in pending:
            thread.join(self.lock_timeout if timeout is None else timeout)
        with self._searchers_lock:
            searchers = list(self._searchers.values())
            self._searchers.clear()
        with self._lock:
            indexes = list(self._indexes.values())
            self._indexes.clear()
        for resource in searchers + indexes:
            _close_quietly(resource)
        with IndexStore._instances_lock:
            if IndexStore._instances.get(self.path) is self:
                del IndexStore._instances[self.path]
            IndexStore._open_stores.discard(self)

    @classmethod
    def close_all(cls):
        """Close every open store (shared or not)."""
        with cls._instances_lock:
            stores = list(cls._open_stores)
        for store in stores:
            store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # -- generations ---------------------------------------------------------

    def _pointer(self, name):
        return os.path.join(self.path, name + ".current")

    def _gen_dir(self, name, generation):
        return os.path.join(self.path, f"{name}.{generation}")

    def current_generation(self, name):
        try:
            with open(self._pointer(name), encoding="utf-8") as f:
                return f.read().strip() or None
        except FileNotFoundError:
            return None

    @contextmanager
    def _meta_lock(self, name):
        """Inter-process lock used while creating/swapping generations."""
        lock = FileStorage(self.path).lock(name + "_META")
        deadline = time.monotonic() + max(self.lock_timeout, 30)
        while not lock.acquire(blocking=False):
            if time.monotonic() > deadline:
                raise LockError(f"Timed out waiting for the {name} meta lock")
            time.sleep(self.lock_delay)
        try:
            yield
        finally:
            lock.release()

    def create_generation(self, name, schema):
        """Create a new, empty generation (not live yet); return its id."""
        generation = time.strftime("%Y%m%d%H%M%S") + "-" + uuid.uuid4().hex[:8]
        directory = self._gen_dir(name, generation)
        os.makedirs(directory)
        windex.create_in(directory, schema)
        return generation

    def swap(self, name, generation):
        """Atomically make ``generation`` live; return the previous generation."""
        with self._meta_lock(name):
            old = self.current_generation(name)
            tmp = self._pointer(name) + f".{os.getpid()}.{threading.get_ident()}.tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(generation)
            os.replace(tmp, self._pointer(name))
        return old

    def drop_generation(self, name, generation):
        if not generation:
            return
        directory = self._gen_dir(name, generation)
        with self._lock:
            ix = self._indexes.pop(directory, None)
        if ix is not None:
            _close_quietly(ix)
        this_thread = threading.current_thread()
        self._close_searchers(
            lambda thread, n, g: (
                n == name and g == generation and (thread is this_thread or not thread.is_alive())
            )
        )
        shutil.rmtree(directory, ignore_errors=True)

    def cleanup_orphans(self, name, max_age=86400):
        """Delete generations of ``name`` that are not live and older than ``max_age``
        seconds (left behind by crashed rebuilds)."""
        live = self.current_generation(name)
        now = time.time()
        for entry in os.listdir(self.path):
            if not entry.startswith(name + ".") or entry.endswith((".current", ".tmp")):
                continue
            generation = entry[len(name) + 1 :]
            directory = os.path.join(self.path, entry)
            if generation == live or not os.path.isdir(directory):
                continue
            try:
                if now - os.path.getmtime(directory) > max_age:
                    self.drop_generation(name, generation)
            except OSError:  # pragma: no cover
                pass

    def ensure(self, name, schema_factory):
        """Return the live generation, creating the first one if needed."""
        generation = self.current_generation(name)
        if generation is not None and os.path.isdir(self._gen_dir(name, generation)):
            return generation
        with self._meta_lock(name):
            generation = self.current_generation(name)
            if generation is not None and os.path.isdir(self._gen_dir(name, generation)):
                return generation
            generation = self.create_generation(name, schema_factory())
            tmp = self._pointer(name) + f".{os.getpid()}.tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(generation)
            os.replace(tmp, self._pointer(name))
            return generation

    def open(self, name, generation):
        """The Whoosh index of one generation (opened once, kept until closed)."""
        self._check_open()
        return self._open_index(name, generation)

    def _open_index(self, name, generation):
        directory = self._gen_dir(name, generation)
        with self._lock:
            ix = self._indexes.get(directory)
            if ix is None:
                ix = windex.open_dir(directory)
                if not self._closed:  # (a background writer finishing after close())
                    self._indexes[directory] = ix
            return ix

    # -- writing ---------------------------------------------------------------

    def write(self, name, fn, schema_factory, generation=None, new_columns=None):
        """
        Run ``fn(writer)`` inside a locked writer on the live (or given) generation and
        commit. ``new_columns`` maps column -> field type factory for columns that must
        exist in the schema first (added with ``writer.add_field`` when missing).

        The write lock is awaited for up to ``lock_timeout`` seconds. If another process
        still holds it after that, the update is handed to a background (daemon) thread
        which keeps retrying (like :class:`whoosh.writing.AsyncWriter`, but re-running
        the whole update so schema additions stay consistent), so an update doesn't fail
        just because another process is writing -- for up to ``retry_timeout`` seconds;
        after that it logs an error and drops the update. Returns True if committed
        synchronously, False if deferred (see :meth:`wait_pending`).
        """
        self._check_open()
        try:
            self._write_once(name, fn, schema_factory, generation, new_columns)
            return True
        except LockError:
            logger.warning(
                "Whoosh index %s still locked after %ss; retrying in the background for up to %ss",
                name,
                self.lock_timeout,
                self.retry_timeout,
            )
            thread = threading.Thread(
                target=self._write_in_background,
                args=(name, fn, schema_factory, generation, new_columns),
                name=f"whoosh-write-{name}",
                daemon=True,  # never keeps the process alive (see _wait_for_pending_writes)
            )
            with self._lock:
                self._pending = [t for t in self._pending if t.is_alive()]
                self._pending.append(thread)
            thread.start()
            return False

    def _write_in_background(self, name, fn, schema_factory, generation, new_columns):
        started = time.monotonic()
        deadline = started + self.retry_timeout
        attempts = 0
        while True:
            if self._stop.is_set():
                logger.error(
                    "Dropped a deferred Whoosh index update of %s: the index store was closed",
                    name,
                )
                return
            attempts += 1
            # the last attempt waits for the lock only until the deadline
            timeout = min(self.lock_timeout, max(0.0, deadline - time.monotonic()))
            try:
                self._write_once(name, fn, schema_factory, generation, new_columns, timeout)
                return
            except LockError:
                if time.monotonic() >= deadline:
                    logger.error(
                        "Gave up a deferred Whoosh index update of %s after %d attempts in "
                        "%.1fs: the index write lock stayed held. The update was dropped; "
                        "run update_index to bring the index up to date.",
                        name,
                        attempts,
                        time.monotonic() - started,
                    )
                    return
                self._stop.wait(self.lock_delay * 5)
            except Exception:  # pragma: no cover - nothing to report to
                logger.exception("Deferred Whoosh index update of %s failed", name)
                return

    def wait_pending(self, timeout=None):
        """Wait for deferred (background) writes to finish (each ends within about
        ``retry_timeout`` seconds, committed or dropped)."""
        for thread in list(self._pending):
            thread.join(timeout)

    def open_writer(self, name, generation, procs=1, limitmb=256):
        """A writer on a (not yet live) generation that the caller keeps open across many
        updates and commits or cancels itself: a rebuild, which nothing else writes to.
        With ``procs`` > 1, Whoosh's multiprocessing writer: documents are analysed and
        written by that many forked processes, one segment each (not merged); the caller
        checks the document count after committing (a sub-process that failed loses its
        documents silently)."""
        self._check_open()
        ix = self._open_index(name, generation)
        options = {"timeout": self.lock_timeout, "delay": self.lock_delay, "limitmb": limitmb}
        if procs > 1:
            options.update(procs=procs, multisegment=True)
        return ix.writer(**options)

    def _write_once(self, name, fn, schema_factory, generation, new_columns, timeout=None):
        pinned = generation is not None
        for _attempt in range(5):
            gen = generation if pinned else self.ensure(name, schema_factory)
            ix = self._open_index(name, gen)
            writer = ix.writer(
                timeout=self.lock_timeout if timeout is None else timeout, delay=self.lock_delay
            )
            if not pinned and self.current_generation(name) != gen:
                # the index was swapped by a rebuild while we waited for the lock
                writer.cancel()
                continue
            try:
                if new_columns:
                    for column in sorted(new_columns):
                        if column not in writer.schema:
                            writer.add_field(column, new_columns[column]())
                fn(writer)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            return
        raise LockError(f"Index {name} kept changing while writing")  # pragma: no cover

    # -- reading ---------------------------------------------------------------

    def searcher(self, name, generation=None, weighting=None):
        """
        A Whoosh searcher for the index, reused between calls in the same thread and
        refreshed when the index changed. Returns None when the index doesn't exist.
        Do not close it and do not hand it to another thread.
        """
        self._check_open()
        if generation is None:
            generation = self.current_generation(name)
            if generation is None:
                return None
        thread = threading.current_thread()
        key = (thread, name, generation)
        with self._searchers_lock:
            searcher = self._searchers.get(key)
        if searcher is not None:
            try:
                searcher = None if searcher.is_closed else searcher.refresh()
            except Exception:
                searcher = None
        if searcher is None:
            try:
                ix = self._open_index(name, generation)
            except (windex.EmptyIndexError, FileNotFoundError, OSError):
                return None
            searcher = ix.searcher(weighting=weighting or scoring.BM25F())
        with self._searchers_lock:
            if not self._closed:  # (closed by another thread meanwhile: don't cache)
                self._searchers[key] = searcher
        # close this thread's searchers of older generations of this index, and the
        # searchers of threads that have ended
        self._close_searchers(
            lambda t, n, g: (t is thread and n == name and g != generation) or not t.is_alive()
        )
        return searcher

    def _close_searchers(self, predicate):
        """Close and forget the cached searchers whose ``(thread, name, generation)``
        matches ``predicate``."""
        with self._searchers_lock:
            keys = [key for key in self._searchers if predicate(*key)]
            stale = [self._searchers.pop(key) for key in keys]
        for searcher in stale:
            _close_quietly(searcher)


def close_all_stores():
    """Close every open :class:`IndexStore` (e.g. before a test deletes its index)."""
    IndexStore.close_all()


@atexit.register
def _wait_for_pending_writes():
    """Background writers are daemon threads so they can't keep a process alive forever;
    at exit, give their deferred updates their (bounded) time to commit instead of
    silently losing them (e.g. an import command that ends right after indexing)."""
    with IndexStore._instances_lock:
        stores = list(IndexStore._open_stores)
    for store in stores:
        if any(thread.is_alive() for thread in store._pending):
            logger.warning("Waiting for deferred Whoosh index updates in %s before exiting", store.path)
            store.wait_pending()
