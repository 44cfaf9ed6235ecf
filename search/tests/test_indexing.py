"""Index updates: rebuild with progress, and concurrent writers from two processes."""

import os
import subprocess
import sys
import textwrap
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from case_studies.tests.factories import make_case_study

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_update_index_rebuilds_and_shows_progress(settings, client):
    page = make_case_study("Otter pathway", state="published", summary="An otter pathway.")
    backend = get_search_backend()
    backend.get_index_for_model(Page).reset()
    assert not list(Page.objects.live().search("otter"))

    out = StringIO()
    call_command("update_index", stdout=out)
    output = out.getvalue()
    assert "CaseStudyPage" in output
    assert "(100%)" in output
    assert "done in" in output
    assert [p.pk for p in Page.objects.live().search("otter")] == [page.pk]
    assert "<mark>Otter</mark> pathway" in client.get("/search/?q=otter").content.decode()


def test_index_updates_go_to_the_search_queue():
    from modelsearch import signal_handlers

    assert signal_handlers.insert_or_update_object_task.queue_name == "search"


WRITER = textwrap.dedent(
    """
    import sys, time
    from wagtail.models import Page
    from search.backends.whoosh import WhooshSearchBackend
    path, start = sys.argv[1], int(sys.argv[2])
    backend = WhooshSearchBackend({"PATH": path, "LOCK_TIMEOUT": 5})
    index = backend.get_index_for_model(Page)
    for batch in range(20):
        pages = [Page(id=start + batch * 10 + i, title=f"Lockstep page {start + batch * 10 + i}",
                      path=f"0001{start + batch * 10 + i:08d}", depth=2, live=True, content_type_id=1)
                 for i in range(10)]
        index.add_items(Page, pages)
    backend.store.wait_pending()
    print("ok")
    """
)


@pytest.mark.database_sensitive
def test_two_processes_write_the_same_index(tmp_path):
    """Two manage.py processes index 200 pages each into one Whoosh PATH at once."""
    path = tmp_path / "shared_index"
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="cms.settings.test", DATA_DIR=str(tmp_path / "data"))
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "shell",
                "-c",
                f"import sys; sys.argv=['w', {str(path)!r}, '{start}']; exec(open({str(script)!r}).read())",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for start in (100_000, 200_000)
    ]
    outputs = [p.communicate(timeout=240) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]
        assert "ok" in out

    from search.backends.whoosh import IndexStore

    store = IndexStore(str(path))
    searcher = store.searcher("wagtailcore_page")
    ids = {fields["doc_id"] for fields in searcher.all_stored_fields()}
    assert len(ids) == 400
    assert {"100000", "100199", "200000", "200199"} <= ids
