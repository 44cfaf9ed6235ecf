"""Fixtures shared by every app's tests."""

import shutil

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from cms.users import roles
from cms.users.models import User
from search.backends.whoosh import close_all_stores

PASSWORD = "correct-horse-battery-staple"
# Read before pytest-django points the connection at the test database.
DEVELOPMENT_DATABASE = settings.DATABASES["default"]["NAME"]


def waiting_for_locks(fn, seconds=20):
    """Call fn, retrying while the test database says "locked", for tests that race threads.

    The SQLite test database is in memory with a shared cache, where a connection that meets
    another's lock fails at once ("database table is locked") instead of waiting as a file
    database does (our settings give it 20 seconds). Retrying the whole call is that wait,
    so call only what rolls back completely when it fails. PostgreSQL waits on its own.
    """
    import time

    from django.db import OperationalError

    deadline = time.monotonic() + seconds
    while True:
        try:
            return fn()
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.001)


def make_user(email, role=None, **extra):
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def practitioner(db):
    return make_user("pat@example.org", roles.PRACTITIONER, display_name="Pat")


@pytest.fixture
def trainer(db):
    return make_user("terry@example.org", roles.TRAINER, display_name="Terry")


@pytest.fixture
def champion(db):
    return make_user("chris@example.org", roles.CHAMPION, display_name="Chris")


@pytest.fixture
def editor(db):
    return make_user("eddie@example.org", roles.EDITOR, display_name="Eddie")


@pytest.fixture
def superuser(db):
    user = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters and cached lookups never leak from one test into the next."""
    from django.core.cache import caches

    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def fresh_search_index(settings, tmp_path):
    """Each test gets its own empty Whoosh index, so documents written by one test
    (whose database rows were rolled back or flushed) never show up in another."""
    backends = {name: dict(conf) for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
    if "PATH" in backends.get("default", {}):
        backends["default"]["PATH"] = str(tmp_path / "whoosh_index")
        settings.WAGTAILSEARCH_BACKENDS = backends
    yield
    close_all_stores()  # release the index's open files before removing them
    shutil.rmtree(tmp_path / "whoosh_index", ignore_errors=True)


@pytest.fixture
def no_search_index_updates(settings, fresh_search_index):
    """Pages created by the test are not indexed: much faster where search is not under test."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**config, "AUTO_UPDATE": False} for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }


def reset_sequences(connection):
    """Restored rows keep their ids; move PostgreSQL's id sequences past them."""
    from django.apps import apps
    from django.core.management.color import no_style

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@pytest.fixture(scope="session", autouse=True)
def baseline_snapshot(django_db_setup, django_db_blocker):
    """The database as migrations leave it (roles, taxonomy, home page), serialised once at
    the start of the session, before any test can change it.

    Transactional tests (live server, threads) end with a flush, which also removes data
    created by migrations; `baseline_data` puts it back before each of them.
    """
    import json

    from django.db import connection

    if connection.settings_dict["NAME"] == DEVELOPMENT_DATABASE:
        return None  # no test in this run uses the database: none was set up, none to read
    with django_db_blocker.unblock():
        objects = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: signal handlers run while later objects load may look them up.
    first = ("contenttypes.contenttype", "auth.permission")
    objects.sort(key=lambda obj: first.index(obj["model"]) if obj["model"] in first else len(first))
    return json.dumps(objects)


@pytest.fixture
def baseline_data(baseline_snapshot, transactional_db):
    """Migration-seeded rows, restored if an earlier transactional test flushed them."""
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


@pytest.fixture(autouse=True)
def _baseline_for_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("baseline_data")
