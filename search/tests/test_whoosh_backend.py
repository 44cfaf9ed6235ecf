"""
Tests for the Whoosh search backend's helper pieces (search/backends/whoosh/).

These tests exercise the Django-independent parts -- the index store (generations,
locking, concurrent writers, cached searchers), highlighting and spelling suggestions --
and need neither Django settings nor a database. The full modelsearch conformance suite
is run with ``../shared/conformance/run_search_conformance.py search.backends.whoosh``;
Django-integrated tests (site models, ``update_index``) are to be added by the project.
"""

import multiprocessing
import threading
import time

import pytest
from whoosh import query as wq
from whoosh.index import LockError

from search.backends.whoosh import (
    IndexStore,
    highlight_text,
    make_schema,
    query_terms,
    suggest_query,
    text_column,
    word_suggestions,
)

COLUMNS = {"doc_id", "doc_pk", "doc_ct", "doc_has", "doc_fv", "doc_model", "spell", "t_title"}


def schema_factory():
    return make_schema(COLUMNS)


def add_docs(store, name, docs, hold=0.0):
    def fn(writer):
        for doc in docs:
            writer.update_document(**doc)
        if hold:
            time.sleep(hold)

    return store.write(name, fn, schema_factory)


def doc(pk, title):
    return {
        "doc_id": str(pk),
        "doc_pk": pk,
        "doc_ct": "app.thing",
        "t_title": title,
        "spell": title,
    }


def all_ids(store, name):
    searcher = store.searcher(name)
    return sorted(int(f["doc_id"]) for f in searcher.all_stored_fields())


# ---------------------------------------------------------------------------
# Highlighting
# ---------------------------------------------------------------------------


def test_highlight_escapes_html_before_marking():
    text = "Intro <script>alert('pwned')</script> about running shoes & socks"
    html = highlight_text(text, query_terms("running shoes"), surround=80)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in html
    assert "<mark>running</mark>" in html
    assert "<mark>shoes</mark>" in html
    assert "&amp; socks" in html
    # the only tags in the output are our <mark> tags
    stripped = html.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped


def test_highlight_does_not_mark_inside_escaped_entities():
    # a query for "script" must not produce markup inside "&lt;script&gt;"
    html = highlight_text("<script>x</script> script", query_terms("script"))
    assert html.count("<mark>") == 3
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "<script>" not in html


def test_highlight_no_match_returns_empty_and_is_safe_string():
    assert highlight_text("nothing relevant here", query_terms("python")) == ""
    html = highlight_text("Learning Python", query_terms("python"))
    assert html == "Learning <mark>Python</mark>"
    assert hasattr(html, "__html__")  # Django SafeString


def test_highlight_autocomplete_prefixes_and_fragments():
    html = highlight_text("Pythonic python pyramids", (), prefixes=["pyth"])
    assert html == "<mark>Pythonic</mark> <mark>python</mark> pyramids"

    long_text = ("filler words " * 40) + "the target word" + (" more filler" * 40)
    html = highlight_text(long_text, query_terms("target"), fragment_chars=60, surround=10)
    assert "<mark>target</mark>" in html
    assert len(html) < 120


def test_query_terms_skips_negated_terms():
    from modelsearch.query import Not, Phrase, PlainText

    q = PlainText("running dogs") & Not(PlainText("cats")) | Phrase("big houses")
    assert query_terms(q) == query_terms("running dogs big houses")
    assert len(query_terms(q)) == 4
    assert not set(query_terms("cats")) & set(query_terms(q))
    assert query_terms("The Running", autocomplete=True) == ["the", "running"]


# ---------------------------------------------------------------------------
# Spelling suggestions
# ---------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    return IndexStore(tmp_path / "index", lock_timeout=2.0)


def test_spelling_suggestions_from_index_vocabulary(store):
    add_docs(
        store,
        "things",
        [
            doc(1, "Learning Python"),
            doc(2, "Python programming for beginners"),
            doc(3, "JavaScript: The Definitive Guide"),
        ],
    )
    searchers = [store.searcher("things")]
    assert suggest_query(searchers, "Pyhton progrmming") == "Python programming"
    assert suggest_query(searchers, "JAVASCIPT guide") == "JAVASCRIPT guide"
    # known words -> no suggestion
    assert suggest_query(searchers, "python guide") is None
    # nothing close enough -> no suggestion
    assert suggest_query(searchers, "zzzzqqq") is None
    assert word_suggestions(searchers, "pythn")[0] == "python"


# ---------------------------------------------------------------------------
# Index store: generations, searchers
# ---------------------------------------------------------------------------


def test_searcher_is_reused_and_refreshed_after_writes(store):
    add_docs(store, "things", [doc(1, "alpha")])
    s1 = store.searcher("things")
    assert store.searcher("things") is s1  # reused while unchanged
    add_docs(store, "things", [doc(2, "beta")])
    s2 = store.searcher("things")
    assert s2 is not s1
    assert all_ids(store, "things") == [1, 2]
    assert len(s2.search(wq.Term(text_column("title"), "beta"))) == 1


def test_searchers_are_per_thread(store):
    add_docs(store, "things", [doc(1, "alpha")])
    main = store.searcher("things")
    other = []
    t = threading.Thread(target=lambda: other.append(store.searcher("things")))
    t.start()
    t.join()
    assert other[0] is not main


def test_generation_swap_replaces_index_atomically(store):
    add_docs(store, "things", [doc(1, "old")])
    old_gen = store.current_generation("things")
    new_gen = store.create_generation("things", schema_factory())
    store.write("things", lambda w: w.add_document(**doc(2, "new")), schema_factory, generation=new_gen)
    # not live yet
    assert all_ids(store, "things") == [1]
    assert store.swap("things", new_gen) == old_gen
    store.drop_generation("things", old_gen)
    assert all_ids(store, "things") == [2]


def test_update_document_replaces_by_id(store):
    add_docs(store, "things", [doc(1, "first title")])
    add_docs(store, "things", [doc(1, "second title")])
    searcher = store.searcher("things")
    assert all_ids(store, "things") == [1]
    assert len(searcher.search(wq.Term(text_column("title"), "second"))) == 1
    assert len(searcher.search(wq.Term(text_column("title"), "first"))) == 0


# ---------------------------------------------------------------------------
# Concurrency
# ---------------------------------------------------------------------------


def _writer_process(path, offset, count, result_queue):
    try:
        store = IndexStore(path, lock_timeout=20.0, lock_delay=0.01)
        for i in range(count):
            # hold the lock briefly so both processes really contend for it
            add_docs(store, "things", [doc(offset + i, f"title {offset + i}")], hold=0.01)
        store.wait_pending()
        result_queue.put(("ok", offset))
    except BaseException as e:  # pragma: no cover - reported to the parent
        result_queue.put(("error", repr(e)))


def _mp_context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def test_two_processes_write_concurrently(tmp_path):
    path = str(tmp_path / "index")
    store = IndexStore(path)
    store.ensure("things", schema_factory)  # both children open the same generation

    ctx = _mp_context()
    queue = ctx.Queue()
    count = 15
    procs = [
        ctx.Process(target=_writer_process, args=(path, offset, count, queue)) for offset in (1000, 2000)
    ]
    for p in procs:
        p.start()
    outcomes = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0

    assert sorted(outcomes) == [("ok", 1000), ("ok", 2000)]
    expected = list(range(1000, 1000 + count)) + list(range(2000, 2000 + count))
    assert all_ids(store, "things") == expected


def test_write_is_deferred_not_failed_while_lock_is_held(tmp_path):
    path = str(tmp_path / "index")
    store = IndexStore(path, lock_timeout=0.2, lock_delay=0.02)
    add_docs(store, "things", [doc(1, "first")])

    # another "process" holds the write lock for longer than lock_timeout
    holder = IndexStore(path)
    ix = holder.open("things", holder.current_generation("things"))
    blocking_writer = ix.writer()
    try:
        with pytest.raises(LockError):
            ix.writer(timeout=0.1)
        committed_now = add_docs(store, "things", [doc(2, "second")])
        assert committed_now is False  # deferred to the background, no exception
        time.sleep(0.3)
        assert all_ids(store, "things") == [1]
    finally:
        blocking_writer.cancel()
    store.wait_pending(timeout=30)
    assert all_ids(store, "things") == [1, 2]
