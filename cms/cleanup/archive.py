"""Archived pages (定期清理 → 归档): still served at their address, left out of the
column listings and the public search (``cms.core.selectors.listed``)."""

from __future__ import annotations

from django.db.models import QuerySet


def archived_page_ids() -> QuerySet:
    from .models import ArchivedPage

    return ArchivedPage.objects.values("page_id")
