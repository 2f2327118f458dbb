"""Settings for 政务公开 CMS.

Everything that differs between the embedded default (SQLite, local media, database
search) and production (PostgreSQL, Elasticsearch, S3, Redis) is read from the
environment here, and nowhere else.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers
from csp.constants import NONCE, NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
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

# The embedded key is public (it is written here), and whoever knows a server's key can
# forge its preview tokens, sessions and query codes. So a server never falls back to it:
# it is used only when asked for by name, CMS_INSECURE_EMBEDDED_KEY=1 (the Makefile's
# local targets and tests/settings.py pass it). DEBUG alone is not asking for it.
EMBEDDED_SECRET_KEY = "embedded-insecure-key-set-SECRET_KEY-in-production"  # noqa: S105
INSECURE_EMBEDDED_KEY = env_bool("CMS_INSECURE_EMBEDDED_KEY")
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
    "cms.core",
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
    "cms.policylist",
    "cms.credit",
    "cms.catalog",
    "cms.compliance",
    "cms.linkcheck",
    "cms.cleanup",
    "cms.subscriptions",
    "cms.benefits",
    "cms.fiscal",
    # Before wagtail.documents: its document-view hooks run before Wagtail's own.
    "cms.media",
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
    "axes",
    "corsheaders",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.security.headers.PermissionsPolicyMiddleware",
    # Answers CORS preflights before anything else can (see "Security" below).
    "cms.security.cors.CorsMiddleware",
    # Serves the admin's static files from the app server in production.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.security.csp.RouteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a login that axes refused into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Innermost: answers a repeated public GraphQL GET from the response cache
    # before URL routing, every other middleware's response side still applied.
    "api.middleware.ResponseCacheMiddleware",
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
    "subscription": (10, 3600),
    # Subscribers reading or deleting their own data (a signed token).
    "subscription_manage": (30, 3600),
}
# Proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
# Fixed addresses told about every submission, besides the staff holding the permission.
PARTICIPATION_STAFF_EMAILS = env_list("PARTICIPATION_STAFF_EMAILS", [])

# --- Durability: connections, background tasks, timeouts (issue "Trust") -------------
# A submission's receipt needs its COMMIT (cms/participation/durability.py); these
# keep a dropped connection, a dead Redis or a hanging mail server from costing
# more than one retryable request.
# Persistent connections are checked before each request's first query, so one
# that PostgreSQL terminated while idle is replaced instead of failing the request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool(
    "DATABASE_CONN_HEALTH_CHECKS", default=True
)
# Every socket operation with the mail server gives up after this many seconds.
EMAIL_TIMEOUT = float(env_str("EMAIL_TIMEOUT", "10"))
# Redis (cache, rate limits): an unreachable server fails fast, and callers degrade.
REDIS_TIMEOUT = float(env_str("REDIS_TIMEOUT", "1"))
if REDIS_URL:
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT}
    )
# Background tasks (notifications, Wagtail's reference index, scheduled jobs):
# "immediate" (the embedded default) runs them in the process that enqueues them;
# "database" stores them in the database for `manage.py db_worker` (production,
# compose.yaml's worker service). Periodic jobs: `manage.py run_scheduler`.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate").strip().lower()
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {TASKS_BACKEND!r}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
INSTALLED_APPS += ["django_tasks_db", "cms.scheduling"]

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
if not MEDIA_URL.startswith("/") or not MEDIA_URL.endswith("/"):
    # Stored files reach the public only through the app, which checks each one
    # (cms.media): images at MEDIA_URL, documents at /documents/<id>/<name>. Another
    # server handing out MEDIA_ROOT or the bucket would skip those checks.
    raise ImproperlyConfigured(
        "MEDIA_URL must be a path on this site such as /media/, not another server's "
        "address: uploads are served by the CMS after its privacy checks."
    )
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files staff only may read (依申请公开 reply notices): outside MEDIA_ROOT, no URL,
# served by permission-checked admin views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))

AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible object storage (MinIO, OSS, COS ...) for uploads in production.
    # Objects are private and their URLs name the app (cms.media.storage): a download
    # that passes the checks is redirected to a URL signed for a few seconds.
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_SIGNATURE_VERSION = env_str("AWS_S3_SIGNATURE_VERSION", "s3v4")
    AWS_DEFAULT_ACL = "private"
    AWS_QUERYSTRING_AUTH = True
    DEFAULT_FILE_STORAGE_BACKEND = "cms.media.storage.PrivateS3Storage"
else:
    DEFAULT_FILE_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"
# How long a signed download URL (S3) stays valid: long enough to follow the redirect
# and for a video player's range requests, short enough to be useless when shared.
MEDIA_SIGNED_URL_SECONDS = int(env_str("MEDIA_SIGNED_URL_SECONDS", "300"))
STORAGES = {
    "default": {"BACKEND": DEFAULT_FILE_STORAGE_BACKEND},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
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
# Load jieba's dictionary while a server process starts (SEARCH_WARM_UP=1), so the
# first search does not wait ~1 s for it. Off by default: a worker that only serves
# lists and pages never loads it (~80 MiB less per worker).
SEARCH_WARM_UP = env_bool("SEARCH_WARM_UP", False)
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
# Documents are downloaded only through Wagtail's document view, whose hooks refuse
# what the public may not have (cms.media.wagtail_hooks); never from the file's URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Largest request body Django reads into memory (file uploads excepted). The admin
# posts whole pages: URL-encoded Chinese takes 9 bytes a character, so a long
# policy needs more than Django's 2.5 MB default. A larger body is refused (the
# GraphQL endpoint answers 413 in JSON, with its own lower GRAPHQL_MAX_BODY_SIZE).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(
    env_str("DATA_UPLOAD_MAX_MEMORY_SIZE", str(5 * 1024 * 1024))
)
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
GRAPHQL_MAX_BODY_SIZE = int(env_str("GRAPHQL_MAX_BODY_SIZE", str(1024 * 1024)))
GRAPHQL_TIME_BUDGET = float(env_str("GRAPHQL_TIME_BUDGET", "5"))
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

# --- Security: HTTPS, login lockout, CSP, Permissions-Policy, CORS ---------------------
# HTTPS=1 (the site is served over HTTPS) turns on the secure defaults: redirect http to
# https, HSTS, Secure cookies. Behind a proxy that terminates TLS, SECURE_PROXY_SSL_HEADER
# names the header it sets (e.g. X-Forwarded-Proto); only set it when the proxy always
# overwrites that header, or clients could claim https.
HTTPS = env_bool("HTTPS", default=False)
if _proxy_ssl_header := env_str("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_ssl_header.strip().upper().replace("-", "_"),
        "https",
    )
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
# Both reach beyond this site (every subdomain; browsers' built-in lists): opt-in only.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS

# Admin logins (Wagtail's /admin/login/ and /django-admin/) go through django-axes:
# LOGIN_FAILURE_LIMIT wrong passwords for one username from one client address lock
# that pair for LOGIN_LOCKOUT_MINUTES, even for the right password; a wrong password
# while locked starts the time again. Keyed on username + address, so nobody can lock
# a colleague out from elsewhere, and one office behind a shared address is not locked
# out by one person's typos. The address is client_ip() (X-Forwarded-For only counts
# behind TRUSTED_PROXY_COUNT proxies), or none when that is not an IP address.
# Unlock: `manage.py axes_reset_username <name>`, or delete the attempt under
# /django-admin/axes/accessattempt/.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env_str("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cms.security.lockout.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "cms.security.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_COOLOFF_MESSAGE = "登录失败次数过多，账号已暂时锁定，请稍后再试。"
AXES_PERMALOCK_MESSAGE = "登录失败次数过多，账号已锁定，请联系系统管理员解锁。"
# Avatars come from the CMS itself, not from a foreign service (and CSP allows no other).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content-Security-Policy (django-csp), chosen per route by cms.security.csp: the public
# site and its documents get the strict policy below (scripts and <style> only from here
# or with the response's nonce), the API's JSON one that allows nothing. Wagtail 8's admin
# still writes inline <script>s (date pickers, inline panels) and compiles templates at
# run time (axe-core's accessibility checks), so its policy allows inline scripts and
# eval but still no other origin, no plugins, no framing by other sites and no form
# posted elsewhere. GraphiQL (staff or DEBUG only) loads from unpkg.com.
# CSP_REPORT_ONLY=1 sends the same policies as Content-Security-Policy-Report-Only.
# (No setting here may start with CSP_: django-csp takes those for its old format.)
_csp_report_uri = env_str("CSP_REPORT_URI")
_media_origins = env_list("CSP_MEDIA_ORIGINS", [])
if not _media_origins and AWS_STORAGE_BUCKET_NAME:
    # Where S3-compatible storage answers the signed URLs the app redirects to.
    if AWS_S3_ENDPOINT_URL:
        _endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        _media_origins = [
            f"{_endpoint.scheme}://{_endpoint.netloc}",
            f"{_endpoint.scheme}://*.{_endpoint.netloc}",
        ]
    else:
        _media_origins = ["https://*.amazonaws.com"]
_report = {"report-uri": [_csp_report_uri]} if _csp_report_uri else {}
_csp_site = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF, NONCE],
    "img-src": [SELF, "data:", *_media_origins],
    # Video blocks may point at a video service's https address.
    "media-src": [SELF, "https:", *_media_origins],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
    **_report,
}
_csp_admin = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *_media_origins],
    "media-src": [SELF, "blob:", *_media_origins],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "worker-src": [SELF, "blob:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
    **_report,
}
_csp_graphiql = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE, "https://unpkg.com"],
    "style-src": [SELF, UNSAFE_INLINE, "https://unpkg.com"],
    "img-src": [SELF, "data:"],
    "font-src": [SELF, "data:", "https://unpkg.com"],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    **_report,
}
# JSON is never rendered, so nothing may load from it and nothing may frame it.
# The directives per route, picked by cms.security.csp.
CONTENT_SECURITY_POLICIES = {
    "site": _csp_site,
    "admin": _csp_admin,
    "graphiql": _csp_graphiql,
    "api": {"default-src": [NONE], "frame-ancestors": [NONE], **_report},
}
_csp = {"DIRECTIVES": _csp_site}
_csp_report_only = env_bool("CSP_REPORT_ONLY")
CONTENT_SECURITY_POLICY = None if _csp_report_only else _csp
CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp if _csp_report_only else None

# Permissions-Policy (cms.security.headers): no page here needs the camera, microphone,
# location, payment and the like, so an injected script or frame cannot ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}

# CORS (django-cors-headers) for the frontends that call the API from a browser
# (the 区政府网站, the 小程序's web views): only /graphql/, only the listed origins,
# answered before the view, which itself only takes GET and POST.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/graphql/"
CORS_ALLOW_METHODS = ("GET", "POST", "OPTIONS")
CORS_ALLOW_HEADERS = (*cors_default_headers, "x-client", "if-none-match")
CORS_EXPOSE_HEADERS = ("ETag", "X-GraphQL-Cache")
CORS_PREFLIGHT_MAX_AGE = 86400

# Every handler masks phone, ID card numbers and e-mails (cms/security/scrubbing.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "cms.security.scrubbing.ScrubFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["scrub"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {"cms": {"level": env_str("LOG_LEVEL", "INFO")}},
}

# --- 政策找人: subscriptions and push (cms/subscriptions) ----------------------------
# Links in messages (confirm, unsubscribe) start with this public address.
SUBSCRIPTIONS_PUBLIC_URL = env_str("SUBSCRIPTIONS_PUBLIC_URL", WAGTAILADMIN_BASE_URL)
# Every HTTP call to SMS, WeChat and webhook receivers gives up after this long.
SUBSCRIPTIONS_HTTP_TIMEOUT = float(env_str("SUBSCRIPTIONS_HTTP_TIMEOUT", "10"))
SUBSCRIPTIONS_CONTACT_RETENTION_DAYS = 28
SUBSCRIPTIONS_MESSAGE_RETENTION_DAYS = 7
# WeChat 订阅消息 (mini-program): base URL, app credentials, one template per purpose.
WECHAT_API_BASE = env_str("WECHAT_API_BASE", "https://api.weixin.qq.com")
WECHAT_APPID = env_str("WECHAT_APPID")
WECHAT_SECRET = env_str("WECHAT_SECRET")
WECHAT_TEMPLATES = {
    "change": env_str("WECHAT_TEMPLATE_CHANGE"),
    "digest": env_str("WECHAT_TEMPLATE_DIGEST"),
}
WECHAT_MESSAGE_PAGE = env_str("WECHAT_MESSAGE_PAGE", "pages/policy/subscriptions")
WECHAT_MINIPROGRAM_STATE = env_str("WECHAT_MINIPROGRAM_STATE", "formal")
# Mini-program login (code2Session at WECHAT_API_BASE, same appid and secret): a user
# waits on it, so it gives up sooner than a delivery does.
WECHAT_LOGIN_TIMEOUT = float(env_str("WECHAT_LOGIN_TIMEOUT", "5"))
# A WeChat subscriber proves its openid with a wx.login() code. Taking an openid the
# client simply states lets anyone subscribe (or read the data of) any user: only a
# local demo without a mini-program does that, so it follows DEBUG unless set.
SUBSCRIPTIONS_TRUST_CLIENT_OPENID = env_bool(
    "SUBSCRIPTIONS_TRUST_CLIENT_OPENID", default=DEBUG
)
# SMS: Aliyun 短信服务 SendSms; one approved template per purpose.
SMS_API_BASE = env_str("SMS_API_BASE", "https://dysmsapi.aliyuncs.com")
SMS_ACCESS_KEY_ID = env_str("SMS_ACCESS_KEY_ID")
SMS_ACCESS_KEY_SECRET = env_str("SMS_ACCESS_KEY_SECRET")
SMS_SIGN_NAME = env_str("SMS_SIGN_NAME", "闵行人社")
SMS_TEMPLATES = {
    "confirm": env_str("SMS_TEMPLATE_CONFIRM"),
    "change": env_str("SMS_TEMPLATE_CHANGE"),
    "digest": env_str("SMS_TEMPLATE_DIGEST"),
}
# External platforms (一网通办, 易就业) told about every notifying change, as JSON:
# [{"name": "一网通办", "url": "https://…/hook", "secret": "…"}]
SUBSCRIPTIONS_WEBHOOKS = json.loads(env_str("SUBSCRIPTIONS_WEBHOOKS", "[]") or "[]")
SUBSCRIPTIONS_WEBHOOKS_BY_NAME = {hook["name"]: hook for hook in SUBSCRIPTIONS_WEBHOOKS}

# --- Link inspection (cms/linkcheck) --------------------------------------------------
LINKCHECK_TIMEOUT = float(env_str("LINKCHECK_TIMEOUT", "15"))
LINKCHECK_SLOW_SECONDS = float(env_str("LINKCHECK_SLOW_SECONDS", "5"))
LINKCHECK_CONCURRENCY = int(env_str("LINKCHECK_CONCURRENCY", "16"))
LINKCHECK_BATCH_SIZE = int(env_str("LINKCHECK_BATCH_SIZE", "500"))
