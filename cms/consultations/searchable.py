"""Consultations and major decisions in the public search: as other pages
(registry: search/registry.py)."""

from __future__ import annotations

from search.registry import other_page, register

from .models import (
    ConsultationIndexPage,
    ConsultationPage,
    MajorDecisionCatalogPage,
    MajorDecisionPage,
)

for model in (
    ConsultationIndexPage,
    ConsultationPage,
    MajorDecisionCatalogPage,
    MajorDecisionPage,
):
    register(other_page(model))
