"""The visitor's address, for per-visitor rate limits, the same way allauth sees it.

Behind a reverse proxy every request comes from the proxy's address, so a limit keyed
on ``REMOTE_ADDR`` would lock every visitor out together. ``ALLAUTH_TRUSTED_PROXY_COUNT``
(from the ``TRUSTED_PROXY_COUNT`` environment variable in production) says how many
proxies of ours append to ``X-Forwarded-For``; the address the outermost of them saw is
the client. Entries further left are the client's own word and are ignored.

This asks allauth's account adapter, so sign-in rate limits and ours always agree.
"""

from allauth.account.adapter import get_adapter
from django.core.exceptions import ImproperlyConfigured, PermissionDenied


def client_ip(request):
    """The client's address; the connecting peer if the forwarded chain is missing,
    shorter than the trusted proxies, or not an address."""
    try:
        return get_adapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):
        return request.META.get("REMOTE_ADDR", "")
