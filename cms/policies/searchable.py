"""Policies in the public search (registry: search/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.registry import SearchType, other_page, register

from .models import PolicyIndexPage, PolicyPage
from .selectors import validity_expression

register(
    SearchType(
        key="policy",
        label=_("政策文件"),
        model=PolicyPage,
        topics=("topics",),
        organizations=("issuers__organization",),
        dates=("publish_date", "first_published_at"),
        validity=validity_expression,
    )
)
register(other_page(PolicyIndexPage))
