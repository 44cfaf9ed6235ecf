"""An Editor's first sign-in: sent to set up two-factor sign-in, then into the admin; the
next sign-in asks for the code. The set-up and code pages have no serious accessibility
problems."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def totp_code(secret):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(page, email, password):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_editor_sets_up_two_factor_sign_in_and_reaches_the_admin(page, axe, settings, password):
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group

    from cms.users import roles
    from conftest import make_user

    settings.REQUIRE_MFA_FOR_STAFF = True
    blocked = []  # the Content-Security-Policy must not block anything on these pages
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    editor = make_user("edna@example.org", display_name="Edna")
    editor.groups.add(Group.objects.get(name=roles.EDITOR))

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/$"))
    sign_in(page, editor.email, password)

    # Sent from the admin to set up, with the reason.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_test_id("mfa-required")).to_contain_text("before you can use the admin")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert serious_violations(axe, page) == []

    # A wrong code is reported in the GOV.UK error summary.
    page.get_by_label("Code from your authenticator app").fill("12345")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert serious_violations(axe, page) == []

    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Code from your authenticator app").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.get_by_test_id("recovery-codes").get_by_role("listitem")).to_have_count(10)
    assert serious_violations(axe, page) == []
    page.get_by_role("button", name="Continue to the admin").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page).to_have_title(re.compile("Dashboard"))
    assert blocked == []
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()

    # Sign out from the admin's own menu; the next sign-in asks for the code first.
    page.get_by_role("button", name=editor.email).click()
    page.get_by_text("Log out", exact=True).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto("/admin/")
    sign_in(page, editor.email, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    assert serious_violations(axe, page) == []
    page.get_by_label("Code from your authenticator app").fill(totp_code(secret))
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page).to_have_title(re.compile("Dashboard"))
