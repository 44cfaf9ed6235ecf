"""Fixtures shared by every app's tests."""

import shutil

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from cms.users import roles
from cms.users.models import User
from search.backends.whoosh import close_all_stores

PASSWORD = "correct-horse-battery-staple"


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
