from __future__ import annotations

import sys
import threading

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "cms_search"
    verbose_name = "站内搜索"

    def ready(self) -> None:
        from . import admin_actions  # noqa: F401 - registers the re-segment hooks
        from .registry import autodiscover
        from .signals import connect

        autodiscover()  # the domains' searchable.py: what the public search finds
        connect()

        if _serving():
            # Load jieba's dictionary while the server starts, not on the first query.
            from .segmentation import warm_up

            threading.Thread(target=warm_up, name="jieba-warm-up", daemon=True).start()


def _serving() -> bool:
    program = sys.argv[0] if sys.argv else ""
    return "gunicorn" in program or "uwsgi" in program or "runserver" in sys.argv
