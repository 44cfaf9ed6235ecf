"""Production settings: every secret and host comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated).")
DEMO_ACCOUNTS_ENABLED = False

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a lasting commitment for the domain and every subdomain (removal from
# browsers' lists takes months): an operator switches it on deliberately.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview renders the page in a same-origin iframe, so framing stays
# SAMEORIGIN (still no cross-site framing); Django's deploy check wants DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")  # preload off by choice (above)

# How many reverse proxies of ours append to X-Forwarded-For. Behind a proxy every
# request comes from its address, so per-visitor rate limits need the client address
# from the forwarded chain: allauth's sign-in limits and cms.core.client_ip (case study
# feedback) both read it from here. 0 (the default) trusts no X-Forwarded-For entry.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Rate limits count in the cache, so it must be shared by every web process: Redis.
# Without REDIS_URL each process counts on its own (a deploy check warns: core.W001).
if os.environ.get("REDIS_URL"):
    CACHES = {
        **CACHES,  # noqa: F405 - the search page cache stays in each process (base.py)
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
    }
