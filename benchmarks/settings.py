"""Settings for benchmarks/api.py only: cms.settings served as in production, plus
Wagtail's REST API v2 to compare against. Never used by the project itself.

The benchmark sets DATABASE_URL, SECRET_KEY and BENCH_* in the environment of both
the loading process and the server before Django reads this module.
"""

from __future__ import annotations

import warnings

from cms.settings import *  # noqa: F403
from cms.settings import INSTALLED_APPS, STORAGES, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "benchmark-only-secret-key")
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "benchmarks.api_urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]

# Loading thousands of pages should not wait on the search index; the benchmark
# reads nothing from it.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}
# No collectstatic in a scratch run; API responses reference no static files.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Keep the GraphQL cache's generation stamp inside the run's temporary directory.
if env_str("BENCH_GRAPHQL_GENERATION_FILE"):
    GRAPHQL_GENERATION_FILE = env_str("BENCH_GRAPHQL_GENERATION_FILE")

# No collectstatic in a scratch run: WhiteNoise need not say so on every start.
warnings.filterwarnings("ignore", message="No directory at")

# The REST API's own pagination cap, the same page size as the GraphQL list.
WAGTAILAPI_LIMIT_MAX = 100

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
