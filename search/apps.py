from __future__ import annotations

import sys
import threading

from django.apps import AppConfig
from django.conf import settings


class SearchConfig(AppConfig):
    name = "search"
    label = "cms_search"
    verbose_name = "站内搜索"

    def search_types(self):
        """Plain Wagtail pages (the tree's root): never a result in practice
        (search.scope.base_scope leaves the root out), but a page type like any."""
        from wagtail.models import Page

        from .registry import other_page

        return (other_page(Page),)

    def ready(self) -> None:
        from . import admin_actions  # noqa: F401 - registers the re-segment hooks
        from .registry import autodiscover
        from .signals import connect

        autodiscover()  # the domains' search_types(): what the public search finds
        connect()

        if _serving() and getattr(settings, "SEARCH_WARM_UP", False):
            # Load jieba's dictionary while the server starts, not on the first query.
            from .segmentation import warm_up

            threading.Thread(target=warm_up, name="jieba-warm-up", daemon=True).start()


def _serving() -> bool:
    program = sys.argv[0] if sys.argv else ""
    return "gunicorn" in program or "uwsgi" in program or "runserver" in sys.argv
