"""setup_cms: the site tree, then each domain's own step (see sections.py)."""

from __future__ import annotations

from django.db import transaction

from .sections import setup_steps
from .site_tree import SiteTree, ensure_site_tree


@transaction.atomic
def setup_cms() -> SiteTree:
    """Idempotent: what exists is kept; returns the site tree."""
    tree = ensure_site_tree()
    for step in setup_steps():
        step(tree)
    return tree
