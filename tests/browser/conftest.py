"""Playwright against the live test server, in the system Chromium (never a downloaded one)."""

import os
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class OneRequestAtATime:
    """The live server's WSGI application, run by one request thread at a time.

    On SQLite the test database lives in memory, so pytest-django hands the live
    server's request threads the test's own connection. Two requests in transactions
    at once on one connection break each other ("no such savepoint", a flush that
    finds the tables locked), which the scenario player's background beacons make
    likely. The view runs under the lock; a streamed body (a video) is sent after it.
    """

    def __init__(self, application):
        self.application = application
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            return self.application(environ, start_response)


@pytest.fixture(autouse=True)
def one_request_at_a_time_on_a_shared_connection(request):
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    httpd = live_server.thread.httpd
    if live_server.thread.connections_override and not isinstance(httpd.get_app(), OneRequestAtATime):
        httpd.set_app(OneRequestAtATime(httpd.get_app()))
    yield


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


def wait_until_the_server_is_idle(page, live_server, pending):
    """Let every request the browser has sent finish before the test's database is flushed.

    Leaving a page fires its `pagehide` beacons (the scenario player's watch progress);
    on SQLite's in-memory test database the live server's request threads share the
    test's connection, so a beacon still being handled while the teardown flushes the
    tables breaks that connection for every later test. So: leave the page (its beacons
    go now, while the page is alive), wait until the browser has seen each request it
    started finish or fail, then until the server's request threads have ended.
    """
    if not page.is_closed():
        page.goto("about:blank")
        for _ in range(200):  # each wait lets Playwright deliver the requests' events
            if not pending:
                break
            page.wait_for_timeout(25)
    page.context.close()
    for thread in list(getattr(live_server.thread.httpd, "_threads", None) or []):
        thread.join(timeout=30)
        assert not thread.is_alive(), "A live-server request was still running 30 s after the test ended."


def open_page(browser, live_server, **options):
    """A page in a new browser context, and the set of its requests not yet finished."""
    context = browser.new_context(base_url=live_server.url, **options)
    pending = set()
    context.on("request", lambda request: pending.add(request))
    context.on("requestfinished", lambda request: pending.discard(request))
    context.on("requestfailed", lambda request: pending.discard(request))
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page, pending


@pytest.fixture
def page(browser, live_server, baseline_data):
    page, pending = open_page(browser, live_server, viewport={"width": 1024, "height": 800})
    yield page
    wait_until_the_server_is_idle(page, live_server, pending)


@pytest.fixture
def phone_page(browser, live_server, baseline_data):
    page, pending = open_page(
        browser, live_server, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    yield page
    wait_until_the_server_is_idle(page, live_server, pending)


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
