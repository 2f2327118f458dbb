"""Interpretations in the public search (registry: search/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.registry import SearchType, other_page, register

from .models import InterpretationIndexPage, InterpretationPage

register(
    SearchType(
        key="interpretation",
        label=_("政策解读"),
        model=InterpretationPage,
        dates=("publish_date", "first_published_at"),
    )
)
register(other_page(InterpretationIndexPage))
