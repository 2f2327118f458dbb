"""Open events in the public search (registry: search/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.registry import SearchType, other_page, register

from .models import EventIndexPage, OpenEventPage

register(
    SearchType(
        key="event",
        label=_("政府开放活动"),
        model=OpenEventPage,
        dates=("first_published_at",),
    )
)
register(other_page(EventIndexPage))
