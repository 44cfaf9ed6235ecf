"""Settings shared by every environment.

Everything that differs between one laptop and a production cluster comes from
environment variables, so the same code runs on SQLite / Whoosh / local files by
default and on PostgreSQL / OpenSearch / S3-compatible storage at scale.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# All state (database, uploads, search index, sent mail in dev) lives here, outside
# the code, so two checkouts can run side by side with different DATA_DIRs.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data")).resolve()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

WAGTAIL_SITE_NAME = "Sharing to Safeguard"
SERVICE_NAME = WAGTAIL_SITE_NAME
SERVICE_PHASE = os.environ.get("SERVICE_PHASE", "Beta")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Our apps first, so their templates override the libraries' ones.
    "cms.core",
    "cms.taxonomy",
    "cms.users",
    "cms.home",
    "cms.learning_record",
    "cms.uploads",
    "cms.glossary",
    "cms.agency_guides",
    "cms.can_i_share",
    "case_studies",
    "cms.anonymisation",
    "training",
    "champions",
    "media",
    "search",
    "wagtailmedia",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "cms.users.apps.WagtailUsersConfig",  # wagtail.users with our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Content-Security-Policy header (CONTENT_SECURITY_POLICY below)
    "csp",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Editors, Trainers and superusers reach the Wagtail admin only with two-factor sign-in.
    "cms.users.mfa.RequireMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.core.context_processors.service",
            ],
        },
    },
]

# Database: SQLite in the data directory unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# Wagtail's own login forms skip allauth's rate limits and email verification: the
# admin and restricted pages send people to allauth instead (cms/urls.py redirects
# /admin/login/ and /_util/login/ too).
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "users:profile"
LOGOUT_REDIRECT_URL = "/"

# django-allauth: email is the only identifier; addresses must be confirmed.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_FORMS = {"signup": "cms.users.forms.SignupForm"}
ACCOUNT_ADAPTER = "cms.users.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SERVICE_NAME}] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}

# Two-factor sign-in (allauth.mfa): an authenticator app (TOTP) plus recovery codes.
# REQUIRE_MFA_FOR_STAFF: Editors, Trainers and superusers must set it up before they
# can use the Wagtail admin (cms/users/mfa.py); everyone else may opt in.
REQUIRE_MFA_FOR_STAFF = True
MFA_ADAPTER = "cms.users.adapter.MFAAdapter"
MFA_FORMS = {
    "authenticate": "cms.users.mfa.SignInCodeForm",
    "reauthenticate": "cms.users.mfa.ConfirmCodeForm",
    "activate_totp": "cms.users.mfa.ActivateCodeForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SERVICE_NAME
MFA_TOTP_TOLERANCE = 1  # one 30-second step either side, for clock drift

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files: GOV.UK Frontend is compiled into cms/static/dist by `npm run build`.
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# Uploads go to the data directory (never into the `media` package) or, when
# AWS_STORAGE_BUCKET_NAME is set, to S3-compatible object storage.
MEDIA_URL = "/uploads/"
MEDIA_ROOT = DATA_DIR / "uploads"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Email: EMAIL_URL (e.g. smtp+tls://user:pass@host:587) or the console in development.
_email = dj_email_url.parse(os.environ.get("EMAIL_URL", "console:"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS"))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL"))
if _email.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@sharing-to-safeguard.example")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Background work: a database-backed queue by default, drained by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "search", "media"],
    }
}

# Session bookings: reminder emails go this many days before a session starts.
SESSION_REMINDER_DAYS = int(os.environ.get("SESSION_REMINDER_DAYS", "2"))

# Contact a champion: per sender, (messages, within seconds); held messages count too.
CHAMPION_CONTACT_RATE_LIMITS = ((5, 60 * 60), (20, 24 * 60 * 60))
# Messages to champions are deleted after this many days (champions/tasks.py).
CHAMPION_MESSAGE_RETENTION_DAYS = int(os.environ.get("CHAMPION_MESSAGE_RETENTION_DAYS", "90"))

# Search: Whoosh on disk by default; OpenSearch / Elasticsearch when SEARCH_URL is set.
SEARCH_URL = os.environ.get("SEARCH_URL", "")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": [SEARCH_URL],
            "INDEX": os.environ.get("SEARCH_INDEX_PREFIX", "safeguarding"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "search.backends.whoosh"),
            "PATH": str(DATA_DIR / "whoosh_index"),
        }
    }

# Caches. "search_pages": rendered search results under keys that carry the index state
# and the content version (search/page_cache.py), so each process keeps its own.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "search_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "search-pages",
        "TIMEOUT": 300,  # what only time changes (a session's start passing) shows within 5 min
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Documents are always served by Wagtail's view (never a redirect to, or a link straight
# into, storage), so collection view restrictions apply (cms/uploads).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Exactly the formats cms/uploads/metadata.py strips EXIF / GPS / XMP / comments from.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILADMIN_COMMENTS_ENABLED = False
TAGGIT_CASE_INSENSITIVE = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4, csp.middleware.CSPMiddleware): one policy for the
# public site and the Wagtail admin alike, with no 'unsafe-inline' and no 'unsafe-eval'.
# Scripts and styles come from static files on our own origin. A template that really needs
# an inline <script> or <style> gives it nonce="{{ request.csp_nonce }}": NONCE adds that
# response's nonce to the header, only when a template used it. Inline style="" attributes,
# inline event handlers (onclick=) and javascript: URLs are blocked everywhere.
# The admin needs no exception (cms/core/csp.py): Wagtail's templates have no inline styles;
# its few inline initialiser scripts (chooser widgets, InlinePanel, date pickers, promoted
# search results) are rendered as JSON data that cms/static/js/admin/csp.js runs; and the
# <style> elements its rich text editor creates get the admin page's nonce from csp.js.
# Gravatar is off, so admin avatars never load from another origin.
# CSP_MEDIA_ORIGINS (comma-separated) adds where uploaded images and video are served from
# when that is not this origin (S3-compatible storage; see below).
_media_origins = env_list("CSP_MEDIA_ORIGINS")
if os.environ.get("AWS_STORAGE_BUCKET_NAME") and not _media_origins:
    from urllib.parse import urlsplit

    _bucket = os.environ["AWS_STORAGE_BUCKET_NAME"]
    _endpoint = urlsplit(os.environ.get("AWS_S3_ENDPOINT_URL") or "https://s3.amazonaws.com")
    _region = os.environ.get("AWS_S3_REGION_NAME")
    _media_origins = [
        f"{_endpoint.scheme}://{_endpoint.netloc}",  # path-style URLs
        f"{_endpoint.scheme}://{_bucket}.{_endpoint.netloc}",  # virtual-hosted URLs
        *([f"https://{_bucket}.s3.{_region}.amazonaws.com"] if _region else []),
    ]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # data: for the few tiny images inlined in Wagtail's admin CSS.
        "img-src": [SELF, "data:", *_media_origins],
        "media-src": [SELF, *_media_origins],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],  # Wagtail's live preview (same-origin iframe)
        "frame-ancestors": [SELF],  # ... which frames our own pages; nobody else may
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}

# Video (media/): wagtailmedia's admin over our Video model; the pipeline's limits.
WAGTAILMEDIA = {
    "MEDIA_MODEL": "video_media.Video",
    "MEDIA_FORM_BASE": "media.forms.VideoFormBase",
    "AUDIO_EXTENSIONS": [],
    # Checked by probing the content (media/probe.py); the extension is only a hint.
    "VIDEO_EXTENSIONS": [],
}
VIDEO_MAX_UPLOAD_BYTES = int(os.environ.get("VIDEO_MAX_UPLOAD_BYTES", 500 * 1024 * 1024))
VIDEO_MAX_SECONDS = int(os.environ.get("VIDEO_MAX_SECONDS", 20 * 60))
# x264's speed/size trade-off for the web renditions (media/transcode.py).
VIDEO_TRANSCODE_PRESET = os.environ.get("VIDEO_TRANSCODE_PRESET", "veryfast")
# A processing video whose worker has not reported for this long is picked up again
# when a worker starts (media/tasks.py); after this many tries it is marked failed.
VIDEO_TRANSCODE_STALE_SECONDS = int(os.environ.get("VIDEO_TRANSCODE_STALE_SECONDS", 120))
VIDEO_TRANSCODE_MAX_ATTEMPTS = int(os.environ.get("VIDEO_TRANSCODE_MAX_ATTEMPTS", 3))
