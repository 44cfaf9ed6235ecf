"""Settings for the test suite: fast, isolated, in-process."""

import os
import tempfile

from .base import *  # noqa: F401,F403
from .base import INSTALLED_APPS, WAGTAILSEARCH_BACKENDS

SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["*"]
DEMO_ACCOUNTS_ENABLED = True

# A second classified, searchable page type, for tests only (search/tests/testapp).
INSTALLED_APPS = [*INSTALLED_APPS, "search.tests.testapp"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process so tests see their effects (mail outbox, index updates).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "search", "media"],
    }
}

_tmp = tempfile.mkdtemp(prefix="sts-test-")
MEDIA_ROOT = os.path.join(_tmp, "uploads")
if "PATH" in WAGTAILSEARCH_BACKENDS["default"]:
    WAGTAILSEARCH_BACKENDS["default"]["PATH"] = os.path.join(_tmp, "whoosh_index")

ACCOUNT_RATE_LIMITS = False
# Most tests sign staff in with force_login and go straight to the admin; the tests of
# two-factor sign-in (cms/users/tests/test_mfa.py, tests/browser/test_mfa.py) turn it on.
REQUIRE_MFA_FOR_STAFF = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = os.path.join(_tmp, "static")
os.makedirs(STATIC_ROOT, exist_ok=True)
DEMO_VIDEO_SIZE = "320x180"  # demo videos (training/demo_videos.py) stay quick to make and transcode
