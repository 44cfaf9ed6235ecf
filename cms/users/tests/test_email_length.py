"""An email address longer than 254 characters is refused with a clear message, never
truncated (allauth would cut it to the field's length, losing the "@") and never a 500."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from cms.users.models import User

pytestmark = pytest.mark.django_db

TOO_LONG = "a" * 250 + "@example.org"  # 262 characters
ERROR = "Email address must be 254 characters or fewer"


def register(client, email):
    password = "a-long-enough-passphrase"
    return client.post(reverse("register"), {"email": email, "password1": password, "password2": password})


def test_two_over_long_sign_ups_are_refused_with_a_clear_error(client):
    for _ in range(2):
        response = register(client, TOO_LONG)
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert ERROR in html
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()


def test_an_email_of_exactly_254_characters_registers(client):
    email = "a" * (254 - len("@example.org")) + "@example.org"
    assert len(email) == 254
    response = register(client, email)
    assert response.status_code == 302
    assert User.objects.get().email == email


def test_an_over_long_address_cannot_be_added_to_an_account(client, practitioner):
    client.force_login(practitioner)
    response = client.post(reverse("account_email"), {"email": TOO_LONG, "action_add": ""})
    assert response.status_code == 200
    assert ERROR in response.content.decode()
    assert list(EmailAddress.objects.filter(user=practitioner).values_list("email", flat=True)) == [
        practitioner.email
    ]
