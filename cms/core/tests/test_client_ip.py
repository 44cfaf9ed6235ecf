"""One client address for every per-visitor rate limit, honouring the trusted proxies."""

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory

from case_studies.feedback import _rate_key
from cms.core.client_ip import client_ip


def request(xff=None, remote="10.0.0.1"):
    headers = {"HTTP_X_FORWARDED_FOR": xff} if xff is not None else {}
    return RequestFactory().post("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    "count, xff, expected",
    [
        (0, None, "10.0.0.1"),
        (0, "6.6.6.6", "10.0.0.1"),  # no trusted proxy: the header is the client's word only
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a forged first entry is ignored
        (2, "6.6.6.6, 203.0.113.7, 192.0.2.10", "203.0.113.7"),
        (2, "203.0.113.7,192.0.2.10", "203.0.113.7"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_agrees_with_allauth(settings, count, xff, expected):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
    req = request(xff)
    assert client_ip(req) == expected
    assert get_adapter(req).get_client_ip(req) == expected  # the sign-in rate limits see the same


@pytest.mark.parametrize("xff", ["", "not-an-address", "203.0.113.7"])
def test_a_chain_shorter_than_the_proxies_or_junk_falls_back_to_the_peer(settings, xff):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(xff)) == "10.0.0.1"


def test_feedback_rate_limit_tells_visitors_behind_the_proxy_apart(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # Every request arrives from the proxy (10.0.0.1); the visitors differ.
    alice = _rate_key(request("203.0.113.7"), 1)
    bob = _rate_key(request("198.51.100.9"), 1)
    alice_forging = _rate_key(request("1.2.3.4, 203.0.113.7"), 1)
    assert alice != bob
    assert alice == alice_forging
