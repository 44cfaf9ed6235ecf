"""Development settings: `make run` on one machine."""

import os
import secrets

from .base import *  # noqa: F401,F403
from .base import DATA_DIR

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"] + [
    h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h
]

# A per-checkout secret kept in the data directory, never in the repository.
DATA_DIR.mkdir(parents=True, exist_ok=True)
_secret_file = DATA_DIR / "secret_key"
if not os.environ.get("SECRET_KEY"):
    if not _secret_file.exists():
        _secret_file.write_text(secrets.token_urlsafe(50))
        _secret_file.chmod(0o600)
    SECRET_KEY = _secret_file.read_text().strip()

# Demo accounts (and printing their passwords) exist only in development.
DEMO_ACCOUNTS_ENABLED = True

# Confirmation and reset emails are printed by the worker and kept as files.
if not os.environ.get("EMAIL_URL"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "sent-mail")
(DATA_DIR / "static").mkdir(exist_ok=True)  # whitenoise warns when STATIC_ROOT is missing
