"""Start the project's settings in a fresh process, with only the environment given."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# What the test run itself sets (tests.settings opts in to the embedded key) and every
# variable the security settings read: the child sees only what a test passes.
_CLEARED_PREFIXES = ("CMS_", "SECRET_KEY", "DEBUG", "HTTPS", "SECURE_", "CSP_")
_CLEARED_PREFIXES += ("CORS_", "LOGIN_", "PYTEST_", "DJANGO_SETTINGS_MODULE")


def child_env(env: dict[str, str]) -> dict[str, str]:
    base = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(_CLEARED_PREFIXES)
    }
    return {**base, "DJANGO_SETTINGS_MODULE": "cms.settings", **env}


def start(env: dict[str, str], code: str = "") -> subprocess.CompletedProcess:
    """``django.setup()`` as a server starts, then ``code``; output captured."""
    program = f"import django\ndjango.setup()\n{code}"
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", program],
        cwd=BASE_DIR,
        env=child_env(env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_in(env: dict[str, str], *names: str) -> dict:
    """The named settings as a server started with ``env`` has them."""
    code = (
        "import json\nfrom django.conf import settings\n"
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}},"
        " default=str))"
    )
    completed = start(env, code)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=child_env(env),
        capture_output=True,
        text=True,
        timeout=120,
    )
