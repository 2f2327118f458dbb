"""Settings for the test run (pyproject's DJANGO_SETTINGS_MODULE).

The embedded default (cms/settings.py) with the public key allowed, fast password
hashing, and isolation between test processes: parallel pytest-xdist workers and other
checkouts share nothing outside their own test database.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Read by cms.settings when it is imported below; tests never use a real key.
os.environ.setdefault("CMS_INSECURE_EMBEDDED_KEY", "1")

from cms.settings import *  # noqa: E402, F403
from cms.settings import BASE_DIR, CACHES, REDIS_URL, STORAGES, env_str  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test process has its own response-cache stamp ...
GRAPHQL_GENERATION_FILE = (
    Path(tempfile.gettempdir()) / f"zwgk-test-{os.getpid()}.generation"
)
# ... and each xdist worker its own Redis database, counted down from REDIS_URL's.
_worker = env_str("PYTEST_XDIST_WORKER")
if _worker and REDIS_URL:
    _index = int(_worker.removeprefix("gw") or 0)
    _base, _, _db = REDIS_URL.rpartition("/")
    _db = int(_db) if _db.isdigit() else 0
    CACHES["default"]["LOCATION"] = f"{_base}/{(_db - _index) % 16}"

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".test-media")))
PRIVATE_MEDIA_ROOT = Path(
    env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / ".test-private"))
)
# No collected, hashed static files in tests.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# An admin's change to the working-day calendar is seen by the next request at once.
WORKDAYS_CACHE_CHECK_SECONDS = 0.0

# The per-request time budget (5 s in production) counts wall time: on a loaded machine a
# first rendition of a 30-block body can take longer, which is not what the tests check.
# The budget's own tests set their own value.
GRAPHQL_TIME_BUDGET = 60.0
