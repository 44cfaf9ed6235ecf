import shutil

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def fresh_search_index(settings, tmp_path):
    """Each test gets its own empty Whoosh index directory (when Whoosh is in use)."""
    backends = {name: dict(conf) for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
    if "PATH" in backends.get("default", {}):
        backends["default"]["PATH"] = str(tmp_path / "whoosh_index")
        settings.WAGTAILSEARCH_BACKENDS = backends
    yield
    shutil.rmtree(tmp_path / "whoosh_index", ignore_errors=True)
