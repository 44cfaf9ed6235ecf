"""Playwright against the live test server, in the system Chromium (never a downloaded one)."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module.

    Playwright's sync API runs an event loop in this thread while the browser is open; the
    ORM calls made by the tests are still synchronous and safe, so Django's async-safety
    check is switched off for exactly that time, and never for the other tests.
    """
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()


def reset_sequences(connection):
    """Restored rows keep their ids; move PostgreSQL's id sequences past them."""
    from django.apps import apps
    from django.core.management.color import no_style

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@pytest.fixture(scope="session")
def baseline_snapshot(django_db_setup, django_db_blocker):
    """The database as migrations leave it (roles, taxonomy, home page), serialised once.

    Live-server tests are transactional and end with a flush, which also removes data
    created by migrations; `baseline_data` puts it back before each browser test.
    """
    from django.db import connection

    import json

    with django_db_blocker.unblock():
        objects = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: signal handlers run while later objects load may look them up.
    first = ("contenttypes.contenttype", "auth.permission")
    objects.sort(key=lambda obj: first.index(obj["model"]) if obj["model"] in first else len(first))
    return json.dumps(objects)


@pytest.fixture
def baseline_data(baseline_snapshot, transactional_db):
    from django.db import connection
    from wagtail.models import Page

    if not Page.objects.exists():
        from django.contrib.contenttypes.models import ContentType
        from django.core.cache import cache
        from django.core.management import call_command

        # The flush's post_migrate recreated content types with new ids: start clean.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(baseline_snapshot)
        reset_sequences(connection)
        ContentType.objects.clear_cache()
        cache.clear()


@pytest.fixture
def page(browser, live_server, baseline_data):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, baseline_data):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


def serious_violations(axe, page):
    """axe-core violations of impact serious or critical, as readable strings."""
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
