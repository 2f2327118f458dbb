"""Integrated releases in the public search (registry: search/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.registry import SearchType, other_page, register

from .models import IntegratedReleasePage, ReleaseIndexPage

register(
    SearchType(
        key="release",
        label=_("集成式发布"),
        model=IntegratedReleasePage,
        topics=("topics",),
        dates=("first_published_at",),
    )
)
register(other_page(ReleaseIndexPage))
