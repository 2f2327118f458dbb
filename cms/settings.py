"""Settings for 政务公开 CMS.

Everything that differs between the embedded default (SQLite, local media, database
search) and production (PostgreSQL, Elasticsearch, S3, Redis) is read from the
environment here, and nowhere else.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
TESTING = env_bool("CMS_TESTING", default=False)

# The embedded key is public (it is written here), and whoever knows a server's key can
# forge its preview tokens, sessions and query codes. So a server never falls back to it:
# it is used only when asked for by name, CMS_INSECURE_EMBEDDED_KEY=1 (the Makefile's
# local targets pass it), or by the test settings. DEBUG alone is not asking for it.
EMBEDDED_SECRET_KEY = "embedded-insecure-key-set-SECRET_KEY-in-production"  # noqa: S105
INSECURE_EMBEDDED_KEY = TESTING or env_bool("CMS_INSECURE_EMBEDDED_KEY")
SECRET_KEY = env_str("SECRET_KEY") or (
    EMBEDDED_SECRET_KEY if INSECURE_EMBEDDED_KEY else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set it to a long random value, e.g. the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
        "Only for a local development server, CMS_INSECURE_EMBEDDED_KEY=1 uses the "
        "embedded key, which is publicly known."
    )
if SECRET_KEY == EMBEDDED_SECRET_KEY and not INSECURE_EMBEDDED_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the embedded, publicly known key. Set a random SECRET_KEY "
        "(or CMS_INSECURE_EMBEDDED_KEY=1 on a local development server only)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "cms.home",
    "cms.taxonomy",
    "cms.policies",
    "cms.interpretations",
    "cms.releases",
    "cms.events",
    "cms.review",
    "cms.participation",
    "cms.workdays",
    "cms.disclosure",
    "cms.consultations",
    "cms.questions",
    "cms.demo",
    "search",
    "themes",
    "api",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the admin's static files from the app server in production.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a long import writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "zwgk"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "zwgk-default",
        }
    }

# --- Email -----------------------------------------------------------------------------
# Without a mail server (the embedded default) messages are printed, not lost in errors.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@zwgk.localhost")

# --- Public submissions -------------------------------------------------------------
# {scope: (submissions, per seconds)} per client IP; counted in the cache (Redis).
PARTICIPATION_RATE_LIMITS = {
    "disclosure": (5, 3600),
    # Applicants following their application (tracking number + query code).
    "disclosure_lookup": (30, 3600),
    "consultation_comment": (20, 3600),
    "question": (10, 3600),
    "event_registration": (20, 3600),
    "event_cancellation": (20, 3600),
}
# Proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
# Fixed addresses told about every submission, besides the staff holding the permission.
PARTICIPATION_STAFF_EMAILS = env_list("PARTICIPATION_STAFF_EMAILS", [])

# --- Background tasks -----------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
# Our catalogue comes first: it fills strings missing from Wagtail's zh_Hans one.
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- Static and media files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files staff only may read (依申请公开 reply notices): outside MEDIA_ROOT, no URL,
# served by permission-checked admin views.
PRIVATE_MEDIA_ROOT = Path(
    env_str(
        "PRIVATE_MEDIA_ROOT",
        str(BASE_DIR / (".test-private" if TESTING else "private")),
    )
)

AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible object storage (MinIO, OSS, COS ...) for uploads in production.
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", default=False)
    AWS_DEFAULT_ACL = None
    DEFAULT_FILE_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
else:
    DEFAULT_FILE_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"
STORAGES = {
    "default": {"BACKEND": DEFAULT_FILE_STORAGE_BACKEND},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "闵行区人力资源和社会保障局 政务公开")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# --- Search (search/) -------------------------------------------------------------------
# Embedded default: the database backend (SQLite FTS5 / PostgreSQL) fed with jieba words.
# With ELASTICSEARCH_URL the Elasticsearch 9 backend serves the public; the database
# index is kept too, so search falls back to it when Elasticsearch is unreachable.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# Chinese analysis on Elasticsearch: auto (IK if installed, else smartcn, else jieba
# words on a whitespace analyzer), ik, smartcn or jieba.
SEARCH_ES_ANALYZER = env_str("SEARCH_ES_ANALYZER", "auto")
SEARCH_ES_TIMEOUT = float(env_str("SEARCH_ES_TIMEOUT", "2"))
SEARCH_ES_INDEX_PREFIX = env_str("SEARCH_ES_INDEX_PREFIX", "zwgk_")
# Where jieba keeps its parsed dictionary between processes (default: the temp dir).
SEARCH_JIEBA_CACHE_DIR = env_str("SEARCH_JIEBA_CACHE_DIR") or None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": SEARCH_ES_INDEX_PREFIX,
            "TIMEOUT": SEARCH_ES_TIMEOUT,
            "ANALYZER": SEARCH_ES_ANALYZER,
            "OPTIONS": {"max_retries": 0},
        },
        "database": {"BACKEND": "search.backends.database"},
    }
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "ofd",
    "doc",
    "docx",
    "wps",
    "xls",
    "xlsx",
    "et",
    "csv",
    "txt",
    "zip",
    "mp4",
    "webm",
    "vtt",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# A workflow that passes does not simply publish: 三同步 may hold an interpretation
# until its policy goes live, and publishes them together.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.review.workflow_finish.finish_workflow"
WAGTAILADMIN_COMMENTS_ENABLED = True

# --- GraphQL transport (defaults and meaning in api/conf.py) ---------------------------
GRAPHQL_CACHE_MAX_AGE = int(env_str("GRAPHQL_CACHE_MAX_AGE", "60"))
GRAPHQL_CACHE_STALE_WHILE_REVALIDATE = int(
    env_str("GRAPHQL_CACHE_STALE_WHILE_REVALIDATE", "600")
)
GRAPHQL_RESPONSE_CACHE_TIMEOUT = int(env_str("GRAPHQL_RESPONSE_CACHE_TIMEOUT", "300"))
GRAPHQL_PERSISTED_QUERIES_ONLY = env_bool(
    "GRAPHQL_PERSISTED_QUERIES_ONLY", default=False
)

# The bureau whose 统一社会信用代码 prefixes 索引号 when a policy has no issuer with one.
CMS_DEFAULT_CREDIT_CODE = env_str("CMS_DEFAULT_CREDIT_CODE", "11310112MB2F12345Q")

# --- Preview ----------------------------------------------------------------------------
# "前端预览" in the admin opens FRONTEND_PREVIEW_URL?token=<signed token>; the frontend
# passes the token to page(previewToken:). Empty (the default): the API's own preview,
# a GraphQL GET of page(previewToken:) on /graphql/. Tokens expire after
# PREVIEW_TOKEN_MAX_AGE seconds.
FRONTEND_PREVIEW_URL = env_str("FRONTEND_PREVIEW_URL")
PREVIEW_TOKEN_MAX_AGE = int(env_str("PREVIEW_TOKEN_MAX_AGE", "3600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {"cms": {"level": env_str("LOG_LEVEL", "INFO")}},
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Test processes (parallel pytest-xdist workers, other checkouts) must not share
    # state outside their own test database: each has its own response-cache stamp,
    # and each worker its own Redis database.
    GRAPHQL_GENERATION_FILE = (
        Path(tempfile.gettempdir()) / f"zwgk-test-{os.getpid()}.generation"
    )
    _worker = env_str("PYTEST_XDIST_WORKER")
    if _worker and REDIS_URL:
        _index = int(_worker.removeprefix("gw") or 0)
        _base, _, _db = REDIS_URL.rpartition("/")
        _db = int(_db) if _db.isdigit() else 0
        CACHES["default"]["LOCATION"] = f"{_base}/{(_db - _index) % 16}"
    MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".test-media")))
