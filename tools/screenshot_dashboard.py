"""Screenshot the compliance dashboard (网站检查指标) and the admin home panel in a
real browser: Debian's chromium driven by Playwright.

    .venv/bin/pip install -e '.[screenshots]'     # playwright (no browser download)
    apt-get install -y chromium fonts-wqy-zenhei # the browser, and a font with 汉字
    .venv/bin/python tools/screenshot_dashboard.py [OUTPUT_DIR] [--days 60]

It builds a throw-away SQLite site with the demo content, records the indicators for
the last ``--days`` days (manage.py compliance_snapshot, each day measured on what
was published by then), starts the development server and saves
compliance-report.png and compliance-home.png in OUTPUT_DIR (default: the current
directory).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
USERNAME, PASSWORD = "screenshot", "pw-screenshot-123"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True
    )


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (local server)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("output", nargs="?", default=".")
    parser.add_argument("--days", type=int, default=60)
    args = parser.parse_args()
    output = Path(args.output).resolve()
    output.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        env = {
            **os.environ,
            "DEBUG": "1",
            "CMS_INSECURE_EMBEDDED_KEY": "1",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "PRIVATE_MEDIA_ROOT": f"{tmp}/private",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        env.pop("REDIS_URL", None)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo_content")
        manage(
            env,
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model as g; "
            f"g().objects.create_superuser({USERNAME!r}, 'shot@example.com', {PASSWORD!r})",
        )
        manage(env, "compliance_snapshot", "--days", str(args.days))
        server = subprocess.Popen(  # noqa: S603 (our own manage.py)
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/admin/login/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=FLAGS
                )
                # The admin scrolls inside its main column: a tall window shows every row.
                page = browser.new_page(viewport={"width": 1440, "height": 2000})
                page.goto(f"{base}/admin/login/")
                page.fill("input[name=username]", USERNAME)
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(f"{base}/admin/")
                page.screenshot(
                    path=str(output / "compliance-home.png"), full_page=True
                )
                page.goto(f"{base}/admin/compliance/")
                page.wait_for_selector(".compliance-chart")
                page.screenshot(
                    path=str(output / "compliance-report.png"), full_page=True
                )
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(
        f"saved {output / 'compliance-report.png'} and {output / 'compliance-home.png'}"
    )


if __name__ == "__main__":
    main()
