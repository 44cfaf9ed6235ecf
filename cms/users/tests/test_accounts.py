import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from cms.taxonomy.models import Agency
from cms.users import roles
from cms.users.models import User

pytestmark = pytest.mark.django_db


def register(client, email="new@example.org", **extra):
    data = {"email": email, "password1": "a-long-enough-passphrase", "password2": "a-long-enough-passphrase"}
    data.update(extra)
    return client.post(reverse("register"), data)


def test_register_creates_unconfirmed_practitioner_and_emails_a_link(client, mailoutbox):
    response = register(client, display_name="Robin", agency=Agency.objects.get(slug="police").pk)
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert user.display_name == "Robin"
    assert user.agency.slug == "police"
    assert user.role_names == [roles.PRACTITIONER]
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_cannot_sign_in_before_confirming_then_can_after(client, mailoutbox):
    register(client)
    client.post(
        reverse("account_login"), {"login": "new@example.org", "password": "a-long-enough-passphrase"}
    )
    assert "_auth_user_id" not in client.session

    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mailoutbox[0].body).group(1)
    client.post(reverse("account_confirm_email", args=[key]))
    assert EmailAddress.objects.get(email="new@example.org").verified

    response = client.post(
        reverse("account_login"), {"login": "new@example.org", "password": "a-long-enough-passphrase"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="new@example.org").pk)


def test_register_rejects_bad_input_with_clear_errors(client):
    response = register(client, email="not-an-email", password2="different-passphrase")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'class="govuk-error-message"' in html
    assert not User.objects.exists()


def test_duplicate_email_is_not_registered_twice(client, practitioner):
    register(client, email=practitioner.email)
    assert User.objects.filter(email=practitioner.email).count() == 1


def test_profile_requires_sign_in(client):
    response = client.get(reverse("users:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_update(client, practitioner):
    client.force_login(practitioner)
    response = client.post(
        reverse("users:profile"),
        {
            "display_name": "Pat B",
            "agency": Agency.objects.get(slug="health").pk,
            "job_title": "Health visitor",
            "area": "",
        },
    )
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert (practitioner.display_name, practitioner.agency.slug, practitioner.job_title) == (
        "Pat B",
        "health",
        "Health visitor",
    )


def test_profile_escapes_user_supplied_text(client, practitioner):
    practitioner.display_name = "<script>alert(1)</script>"
    practitioner.save()
    client.force_login(practitioner)
    html = client.get(reverse("users:profile")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_download_my_data_is_complete_json_and_post_only(client, practitioner):
    client.force_login(practitioner)
    assert client.get(reverse("users:download_data")).status_code == 405
    response = client.post(reverse("users:download_data"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == practitioner.email
    assert data["account"]["roles"] == [roles.PRACTITIONER]
    assert data["account"]["email_addresses"][0]["verified"] is True


def test_download_requires_csrf_token(practitioner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    assert client.post(reverse("users:download_data")).status_code == 403


def test_delete_account_needs_confirmation_then_removes_everything(client, practitioner):
    client.force_login(practitioner)
    response = client.post(reverse("users:delete_account"), {})
    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    assert User.objects.filter(pk=practitioner.pk).exists()

    response = client.post(reverse("users:delete_account"), {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=practitioner.pk).exists()
    assert not EmailAddress.objects.filter(email=practitioner.email).exists()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_email(client, practitioner, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": practitioner.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
