"""``manage.py update_index`` with readable progress: ``CaseStudyPage 1000/10000 (10%)``.

Same behaviour and options as Wagtail's / modelsearch's command (a new index generation
is built and swapped in atomically on the Whoosh backend); only the progress output
differs. This app is listed before ``wagtail.search`` so this command wins.
"""

import time

from modelsearch.management.commands.rebuild_modelsearch_index import Command as BaseCommand


class Command(BaseCommand):
    help = "Rebuild the search index, showing progress per model."

    def update_backend(self, backend_name, schema_only=False, chunk_size=None, **kwargs):
        self._started = time.monotonic()
        super().update_backend(backend_name, schema_only=schema_only, chunk_size=chunk_size or 500, **kwargs)
        self.write(f"{backend_name}: done in {time.monotonic() - self._started:.1f}s")

    def queryset_chunks(self, qs, chunk_size=500):
        self._total = qs.count()
        self._done = 0
        yield from super().queryset_chunks(qs, chunk_size)

    def print_iter_progress(self, iterable):
        total = None
        for chunk in iterable:
            total = self._total if total is None else total
            yield chunk
            self._done += len(chunk)
            pct = 100 * self._done // total if total else 100
            self.write(f" {self._done}/{total} ({pct}%)", ending="")
            self.stdout.flush()
        if total is None:
            self.write(" 0/0", ending="")
