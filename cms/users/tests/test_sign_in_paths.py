"""Every sign-in goes through allauth: its rate limits, its email verification.

Wagtail mounts two login forms of its own (`/admin/login/` and `/_util/login/`, the one
for restricted pages). They must not accept credentials: both send people to allauth's
sign-in page, keeping where they were going.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from cms.users.models import User

pytestmark = pytest.mark.django_db

OLD_PATHS = ["/admin/login/", "/_util/login/"]
EVERY_PATH = ["/accounts/login/", *OLD_PATHS]


@pytest.fixture
def rate_limits(settings):
    """The production rate limits (the test settings switch them off) on a real, empty cache."""
    from cms.settings import base

    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sign-in-paths"}
    }
    cache.clear()
    yield
    cache.clear()


def credentials(email, password):
    # allauth's form calls the email "login"; Django's and Wagtail's call it "username".
    return {"login": email, "username": email, "password": password}


def attempt(client, path, email, password):
    """Sign in through `path` as a person (or a script) would: post the credentials there
    and, if that page only sends people on to allauth's sign-in, post them again there."""
    response = client.post(path, credentials(email, password))
    if response.status_code == 302 and urlsplit(response["Location"]).path == reverse("account_login"):
        response = client.post(response["Location"], credentials(email, password))
    return response


def signed_in(client):
    return "_auth_user_id" in client.session


def login_redirect_target(response):
    """Where a redirect to allauth's login page would send the person afterwards."""
    assert response.status_code == 302, response.status_code
    url = urlsplit(response["Location"])
    assert url.path == reverse("account_login")
    return parse_qs(url.query).get("next", [None])[0]


@pytest.mark.parametrize("path", EVERY_PATH)
def test_twelve_wrong_passwords_lock_the_account_on_every_path(rate_limits, editor, password, path):
    client = Client()
    for _ in range(12):
        attempt(client, path, editor.email, "wrong-password-guess")
        assert not signed_in(client)
    # The right password after the lock-out still does not sign in, on this path or allauth's.
    response = attempt(client, path, editor.email, password)
    assert not signed_in(client)
    assert "Too many failed login attempts" in response.content.decode()
    client.post(path, credentials(editor.email, password))
    assert not signed_in(client)


def test_wrong_passwords_spread_over_the_paths_still_count(rate_limits, editor, password):
    client = Client()
    for i in range(6):
        attempt(client, EVERY_PATH[i % len(EVERY_PATH)], editor.email, "wrong-password-guess")
    for path in EVERY_PATH:
        attempt(client, path, editor.email, password)
        assert not signed_in(client), path


@pytest.mark.parametrize("path", EVERY_PATH)
def test_unconfirmed_email_gets_no_session_on_any_path(client, password, path):
    user = User.objects.create_user(email="unconfirmed@example.org", password=password)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    attempt(client, path, user.email, password)
    assert not signed_in(client)


@pytest.mark.parametrize("path", OLD_PATHS)
def test_old_login_paths_take_no_credentials(client, practitioner, password, path):
    response = client.post(f"{path}?next=/search/", credentials(practitioner.email, password))
    assert not signed_in(client)
    assert login_redirect_target(response) == "/search/"


@pytest.mark.parametrize("path", OLD_PATHS)
def test_old_login_paths_redirect_to_allauth_keeping_next(client, path):
    assert login_redirect_target(client.get(f"{path}?next=/search/%3Fq%3Dschool")) == "/search/?q=school"


@pytest.mark.parametrize("path", OLD_PATHS)
def test_old_login_paths_drop_an_offsite_next(client, path):
    assert login_redirect_target(client.get(f"{path}?next=https://evil.example/")) in (None, "/admin/")


def test_admin_login_without_next_returns_to_the_admin(client):
    assert login_redirect_target(client.get("/admin/login/")) == "/admin/"


def test_wagtail_sends_anonymous_admin_visitors_to_allauth(client):
    assert login_redirect_target(client.get("/admin/pages/")) == "/admin/pages/"


def test_wagtail_sends_visitors_of_restricted_pages_to_allauth(client):
    home = Page.objects.get(depth=2)
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    assert login_redirect_target(client.get(home.url)) == home.url


def test_the_same_person_signs_in_through_allauth_and_reaches_the_admin(client, editor, password):
    response = client.get("/admin/login/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    response = client.post(f"{reverse('account_login')}?next=/admin/", credentials(editor.email, password))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_admin_logout_still_signs_out_and_lands_on_allauth_login(client, editor):
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_logout"))
    assert not signed_in(client)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_login")
    assert client.get(response["Location"]).status_code == 200


def test_admin_password_reset_goes_to_allauths_rate_limited_reset(client):
    response = client.get("/admin/password_reset/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password")
    response = client.post("/admin/password_reset/", {"email": "eddie@example.org"})
    assert response.status_code == 302
    page = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("account_reset_password")}"' in page


def test_wagtail_login_urls_point_at_allauth():
    assert django_settings.WAGTAILADMIN_LOGIN_URL == django_settings.LOGIN_URL
    assert django_settings.WAGTAIL_FRONTEND_LOGIN_URL == django_settings.LOGIN_URL
