"""Booking race benchmark: many practitioners book one 12-place session at the same moment,
through the real HTTP stack, against a baseline measured in the same run.

    make bench        # or: .venv/bin/python -m tests.benchmarks.booking_bench [--people 60]
                      #     [--capacity 12] [--workers 2] [--threads 8] [--keep]

The benchmark starts its own server: gunicorn (``cms.wsgi``, the production entry point)
with ``--workers`` processes of ``--threads`` threads each, on a free local port, with the
settings every environment shares (``cms.settings.base``: DEBUG off, tasks queued in the
database, as in production without its HTTPS-only parts). The database is SQLite in a
temporary DATA_DIR; or, when DATABASE_URL names a PostgreSQL server, a throwaway database
beside the one it names (``<name>_bench_<pid>``), created, migrated and dropped at the end:
the database DATABASE_URL names is never touched.

Set-up, in this process: ``migrate``; a live induction programme and one session with
``--capacity`` places and the partnership's usual mix rule (no agency over half the places,
at least three agencies); ``--people`` practitioners from five agencies, unevenly (a third
police), each signed in by a session row written through ``django.contrib.sessions``
(what a sign-in leaves behind, without hashing as many passwords).

Then, each person on their own connection, all released together by a barrier:

(a) baseline: every person GETs the session's page (the page they book from; it also gives
    each one a CSRF token), twice; the second round is the baseline;
(b) the race: every person POSTs the booking form (``/sessions/<pk>/book/``).

Prints confirmed, waitlisted, overbooked (confirmed places beyond capacity: must be 0),
errors (responses other than the redirect back to the session, or no response), whether
the mix rule held and ``confirmed_count`` matches the bookings, bookings per second, the
pages per second of the baseline, and the ratio of the race's time to the baseline's.
Exits non-zero if the session was overbooked or its invariants broke; errors are printed
with a MISSED verdict.
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "cms.settings.base"
# Per 12 people: 4 police, 3 health, 2 education, 2 children's social care, 1 early help.
AGENCY_PATTERN = (
    ["police"] * 4 + ["health"] * 3 + ["education"] * 2 + ["childrens-social-care"] * 2 + ["early-help"]
)
SERVER_START_SECONDS = 120
REQUEST_TIMEOUT = 300
TARGET_RATIO = 5.0  # the race's time at most this many times the baseline's: booking waits its turn


# -- the database and the environment the server shares -------------------------------


def throwaway_database(url):
    """(DATABASE_URL for this run, name to drop at the end or None)."""
    if not url:
        return "", None
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(f"DATABASE_URL must name a PostgreSQL server (got {parts.scheme}://).")
    name = f"{parts.path.lstrip('/') or 'postgres'}_bench_{os.getpid()}"
    with admin_connection(url) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def admin_connection(url):
    import psycopg

    parts = urlsplit(url)
    conninfo = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    return psycopg.connect(conninfo, autocommit=True)


def drop_database(url, name):
    with admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_environment(data_dir, database_url):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SEARCH_URL", "TASKS_BACKEND")}
    env.update(
        DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE=SETTINGS,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def setup_django(env):
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)


# -- the session and the people booking it ---------------------------------------------


def build(people, capacity):
    """A live programme with one open session, and `people` signed-in practitioners
    ({user: session cookie})."""
    from datetime import timedelta

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from cms.taxonomy.models import Agency
    from cms.users import roles
    from cms.users.models import User
    from training.models import InductionProgrammePage, Session, Venue
    from training.programme_setup import ensure_programme_index

    programme = InductionProgrammePage(
        title="Benchmark joint induction",
        slug="benchmark-joint-induction",
        summary="New starters from every agency learn each other's services together.",
        audience="New starters in the partnership area, from any agency.",
    )
    ensure_programme_index().add_child(instance=programme)
    programme.save_revision().publish()
    venue = Venue.objects.create(name="Benchmark Centre", address="1 Civic Court, Leeds LS1 1AA")
    now = timezone.now()
    starts_at = now + timedelta(days=14)
    session = Session.objects.create(
        programme=programme,
        title="Day one together",
        venue=venue,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        facilitator="Partnership training lead",
        capacity=capacity,
        booking_opens_at=now - timedelta(days=1),
        booking_closes_at=starts_at - timedelta(days=1),
        cancellation_cutoff_at=starts_at - timedelta(days=3),
        max_agency_share=50,
        min_agencies=3,
    )
    agencies = {agency.slug: agency for agency in Agency.objects.filter(slug__in=AGENCY_PATTERN)}
    practitioners = Group.objects.get(name=roles.PRACTITIONER)
    users = []
    for number in range(people):
        agency = AGENCY_PATTERN[number % len(AGENCY_PATTERN)]
        user = User(
            email=f"bench-{number}@example.org", display_name=f"Person {number}", agency=agencies[agency]
        )
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users)
    users = list(User.objects.filter(email__startswith="bench-").order_by("pk"))
    Group.user_set.through.objects.bulk_create(
        [Group.user_set.through(user_id=user.pk, group_id=practitioners.pk) for user in users]
    )
    cookies = {}
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies[user.pk] = store.session_key
    return session, cookies


# -- the server -----------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port, workers, threads, env, log_path):
    command = [
        sys.executable, "-m", "gunicorn", "cms.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
        "--timeout", str(REQUEST_TIMEOUT), "--log-level", "warning",
    ]  # fmt: skip
    log = open(log_path, "wb")  # noqa: SIM115  (closed with the server)
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log = log
    return process


def wait_until_serving(process, port, path):
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit status {process.returncode})")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path)
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                return
            raise RuntimeError(f"GET {path} answered {status}")
        except (ConnectionError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {SERVER_START_SECONDS}s")


def stop_server(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.log.close()


# -- the clients -------------------------------------------------------------------------


class Person:
    """One practitioner's browser: their cookies, and one connection per round."""

    def __init__(self, port, session_cookie):
        self.port = port
        self.cookies = {"sessionid": session_cookie}
        self.csrf_token = None
        self.connection = None

    def connect(self):
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        self.connection.connect()

    def send(self, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Connection": "close"}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        self.connection.close()
        return response.status, response.getheader("Location", ""), content


def at_once(people, request):
    """Run ``request(person)`` for every person, each in its own thread, released together.
    Returns ([(status, location, content) or an exception], seconds from release to the last
    response, [seconds per request])."""
    barrier = threading.Barrier(len(people) + 1)
    results = [None] * len(people)
    times = [None] * len(people)

    def run(index, person):
        try:
            person.connect()
        except OSError as error:
            results[index] = error
        barrier.wait()
        if results[index] is not None:
            return
        started = time.perf_counter()
        try:
            results[index] = request(person)
        except Exception as error:  # a failed request is counted, never fatal
            results[index] = error
        times[index] = time.perf_counter() - started

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    barrier.wait()
    released = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - released, [t for t in times if t is not None]


CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def get_page(path):
    def request(person):
        status, location, content = person.send("GET", path)
        found = CSRF_FIELD.search(content)
        if found:
            person.csrf_token = found.group(1).decode()
        return status, location, content

    return request


def post_booking(path):
    def request(person):
        return person.send("POST", path, {"csrfmiddlewaretoken": person.csrf_token or "", "access_needs": ""})

    return request


def errors_in(results, ok):
    return sum(1 for result in results if isinstance(result, Exception) or not ok(result))


# -- the run -------------------------------------------------------------------------------


def outcome(session):
    """What the database holds after the race."""
    from django.utils import timezone

    from training.booking.rules import MixRule
    from training.choices import BookingStatus
    from training.models import Booking

    session.refresh_from_db()
    statuses = Counter(Booking.objects.filter(session=session).values_list("status", flat=True))
    per_agency = Counter(
        Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED).values_list(
            "agency_id", flat=True
        )
    )
    confirmed = statuses[BookingStatus.CONFIRMED]
    return {
        "confirmed": confirmed,
        "waitlisted": statuses[BookingStatus.WAITLISTED],
        "other": sum(statuses.values()) - confirmed - statuses[BookingStatus.WAITLISTED],
        "overbooked": max(0, confirmed - session.capacity),
        "count_matches": session.confirmed_count == confirmed,
        "mix_held": MixRule.for_session(session, timezone.now()).holds(per_agency),
        "agencies": len(per_agency),
    }


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=60, help="practitioners booking at once (default 60)")
    parser.add_argument("--capacity", type=int, default=12, help="places on the session (default 12)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary DATA_DIR and database")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    given_url = os.environ.get("DATABASE_URL", "")
    data_dir = tempfile.mkdtemp(prefix="sts-booking-bench-")
    database_url, throwaway = throwaway_database(given_url)
    server = None
    try:
        env = server_environment(data_dir, database_url)
        setup_django(env)
        from django.core.management import call_command
        from django.db import connection, connections

        engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
        where = f"database {throwaway}" if throwaway else f"DATA_DIR {data_dir}"
        print(f"Booking race through HTTP ({engine}, temporary {where})")
        t = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        session, cookies = build(args.people, args.capacity)
        connections.close_all()
        print(f"  set-up: migrate, 1 session of {args.capacity} places, {args.people} signed-in "
              f"practitioners ({time.perf_counter() - t:.1f}s)")  # fmt: skip

        port = free_port()
        server = start_server(port, args.workers, args.threads, env, Path(data_dir) / "server.log")
        page, book = f"/sessions/{session.pk}/", f"/sessions/{session.pk}/book/"
        wait_until_serving(server, port, page)
        print(f"  server: gunicorn, {args.workers} workers x {args.threads} threads, {SETTINGS}")

        people = [Person(port, cookie) for cookie in cookies.values()]
        at_once(people, get_page(page))  # warm-up round (templates compiled, connections made)
        pages, page_seconds, page_times = at_once(people, get_page(page))
        page_errors = errors_in(pages, lambda r: r[0] == 200)
        if page_errors or not all(person.csrf_token for person in people):
            print(f"  the session page failed for {page_errors} of {len(people)} people (no booking form)")
        results, race_seconds, race_times = at_once(people, post_booking(book))
        booking_errors = errors_in(results, lambda r: r[0] == 302 and r[1].endswith(page))
        stop_server(server)
        server = None

        found = outcome(session)
        per_second = len(people) / race_seconds
        pages_per_second = len(people) / page_seconds
        ratio = race_seconds / page_seconds
        print(f"  {len(people)} practitioners book one {args.capacity}-place session at once:")
        print(f"    confirmed        {found['confirmed']:>6}   ({found['agencies']} agencies)")
        print(f"    waitlisted       {found['waitlisted']:>6}")
        print(f"    overbooked       {found['overbooked']:>6}")
        print(f"    errors           {booking_errors:>6}")
        if found["other"]:
            print(f"    other statuses   {found['other']:>6}")
        print(f"    mix rule held    {'yes' if found['mix_held'] else 'NO':>6}")
        print(f"    count matches    {'yes' if found['count_matches'] else 'NO':>6}")
        print(
            f"    bookings/second  {per_second:>6.1f}   ({len(people)} POSTs in {race_seconds:.2f}s; "
            f"per request median {ms(statistics.median(race_times))}, p95 {ms(p95(race_times))})"
        )
        print(
            f"  baseline: the session page, {len(people)} GETs at once: {pages_per_second:.1f} pages/second "
            f"({page_seconds:.2f}s; median {ms(statistics.median(page_times))}, p95 {ms(p95(page_times))})"
        )
        print(f"  ratio: the race's time / the baseline's: {ratio:.2f}x")
        failed = found["overbooked"] > 0 or not found["mix_held"] or not found["count_matches"]
        expected = min(args.capacity, args.people)
        checks = [
            ("overbooked places", found["overbooked"], "== 0", found["overbooked"] == 0),
            ("confirmed places", found["confirmed"], f"== {expected}", found["confirmed"] == expected),
            ("errors", booking_errors + page_errors, "== 0", booking_errors + page_errors == 0),
            ("race time / baseline time", ratio, f"<= {TARGET_RATIO:g}", ratio <= TARGET_RATIO),
        ]
        print("Targets (the ratio against the baseline measured in this run)")
        for label, value, target, ok in checks:
            shown = f"{value:.2f}" if isinstance(value, float) else str(value)
            print(f"  {label}: {shown} (target {target}): {'met' if ok else 'MISSED'}")
        print(f"Total run time: {time.perf_counter() - started:.0f}s")
        return 1 if failed else 0
    finally:
        if server is not None:
            stop_server(server)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: S110  (Django may not be set up yet)
            pass
        if args.keep:
            print(f"Kept DATA_DIR {data_dir}" + (f" and database {throwaway}" if throwaway else ""))
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
            if throwaway:
                drop_database(given_url, throwaway)


if __name__ == "__main__":
    sys.exit(main())
