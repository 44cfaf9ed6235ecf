"""Two-factor sign-in (allauth.mfa): required of Editors, Trainers and superusers before
the Wagtail admin, optional for everyone else."""

import re
import time
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from cms.users import demo
from cms.users.models import User

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


@pytest.fixture(autouse=True)
def require_mfa(settings):
    settings.REQUIRE_MFA_FOR_STAFF = True
    cache.clear()  # allauth remembers used TOTP codes there
    yield
    cache.clear()


def totp_code(secret, steps=0):
    """The code an authenticator app shows now (allauth's own HOTP helpers)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + steps))


def sign_in(client, user, password, next_url=None):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": user.email, "password": password})


def signed_in(client):
    return "_auth_user_id" in client.session


def with_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).generate_codes()
    return secret, codes


# Staff without two-factor sign-in are sent to set it up.


@pytest.mark.parametrize("who", ["editor", "trainer", "superuser"])
def test_staff_without_mfa_are_sent_from_the_admin_to_set_it_up(client, password, request, who):
    user = request.getfixturevalue(who)
    sign_in(client, user, password)
    for path in (ADMIN, "/admin/pages/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    assert "Set up two-factor sign-in" in page
    assert "before you can use the admin" in page
    assert client.session[SECRET_SESSION_KEY] in page  # the secret, to type in by hand


def test_setting_up_totp_opens_the_admin(client, editor, password):
    sign_in(client, editor, password, next_url=ADMIN)
    assert client.get(ADMIN)["Location"] == reverse("mfa_activate_totp")
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret, steps=10)})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=editor).exists()
    assert client.get(ADMIN).status_code == 302

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert "Continue to the admin" in codes_page
    assert client.get(ADMIN).status_code == 200


def test_signing_out_of_the_admin_works_before_set_up(client, editor, password):
    sign_in(client, editor, password)
    client.post(reverse("wagtailadmin_logout"))
    assert not signed_in(client)


def test_staff_cannot_switch_two_factor_sign_in_off(client, editor, password):
    secret, _codes = with_totp(editor)
    sign_in(client, editor, password)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert "must keep two-factor sign-in switched on" in response.content.decode()
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()


# With an authenticator app, sign-in asks for the code.


def test_with_totp_sign_in_needs_the_code_then_reaches_the_admin(client, editor, password):
    secret, _codes = with_totp(editor)
    response = sign_in(client, editor, password, next_url=ADMIN)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    assert client.get(ADMIN).status_code == 302

    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Enter the code from your authenticator app" in page
    response = client.post(reverse("mfa_authenticate"), {"code": "12345"})
    assert not signed_in(client)
    assert "There is a problem" in response.content.decode()

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert signed_in(client)
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_a_recovery_code_works_once(client, editor, password):
    _secret, codes = with_totp(editor)
    sign_in(client, editor, password)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert signed_in(client)
    assert client.get(ADMIN).status_code == 200

    client.post(reverse("account_logout"))
    sign_in(client, editor, password)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert not signed_in(client)
    client.post(reverse("mfa_authenticate"), {"code": codes[1]})
    assert signed_in(client)


def test_a_session_that_skipped_the_second_factor_is_asked_for_it(client, editor):
    secret, _codes = with_totp(editor)
    client.force_login(editor)  # e.g. a session from before two-factor sign-in was set up
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    client.post(response["Location"], {"code": totp_code(secret)})
    assert client.get("/admin/pages/").status_code == 200


def test_enforcement_can_be_switched_off(client, editor, settings):
    settings.REQUIRE_MFA_FOR_STAFF = False
    client.force_login(editor)
    assert client.get(ADMIN).status_code == 200


# Everyone else may opt in.


def test_a_practitioner_is_not_forced_and_can_opt_in_from_the_profile(client, practitioner, password):
    sign_in(client, practitioner, password)
    assert signed_in(client)
    profile = client.get(reverse("users:profile")).content.decode()
    setup_link = re.escape(f'href="{reverse("mfa_activate_totp")}"')
    assert re.search(setup_link + r"[^>]*>Set up two-factor sign-in", profile)

    page = client.get(reverse("mfa_activate_totp")).content.decode()
    assert "before you can use the admin" not in page
    secret = client.session[SECRET_SESSION_KEY]
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=practitioner, type=Authenticator.Type.TOTP).exists()
    profile = client.get(reverse("users:profile")).content.decode()
    assert "Manage two-factor sign-in" in profile


def test_a_champion_uses_the_admin_without_two_factor(client, champion, password):
    sign_in(client, champion, password)
    assert client.get(ADMIN).status_code == 200


def test_mfa_pages_use_govuk_styles(client, practitioner, password):
    secret, _codes = with_totp(practitioner)
    sign_in(client, practitioner, password)
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert 'class="govuk-heading-l"' in page
    assert 'class="govuk-input' in page
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    for name in ("mfa_index", "mfa_view_recovery_codes", "mfa_generate_recovery_codes"):
        page = client.get(reverse(name)).content.decode()
        assert 'class="govuk-heading-l"' in page, name
        assert "style=" not in page and "<script>" not in page, name


# Demo accounts under the development settings.


def test_demo_editor_and_trainer_have_an_authenticator_app_whose_secret_is_printed():
    demo.load(StringIO())
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    output = out.getvalue()
    for email, _name, role, *_ in demo.DEMO_ACCOUNTS:
        user = User.objects.get(email=email)
        has_app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if role in ("Editor", "Trainer"):
            assert has_app, email
            secret = demo.demo_totp_secret(email)
            assert secret in output
            totp = TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP))
            assert totp.validate_code(totp_code(secret))
        else:
            assert not has_app, email
    demo.load(StringIO())  # idempotent
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == 2


def test_guessing_the_code_is_rate_limited(client, editor, password, settings):
    from cms.settings import base

    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    secret, _codes = with_totp(editor)
    sign_in(client, editor, password)
    for _ in range(6):
        client.post(reverse("mfa_authenticate"), {"code": "12345"})  # never valid: 5 digits
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert not signed_in(client)
