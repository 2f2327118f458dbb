"""The site tree every test starts from, seeded once per test session.

``setup_cms()`` (pages, taxonomy, groups, workflows) takes seconds; the session's
``django_db_setup`` runs it once and commits, and every test's transaction rolls
back to it. A test then only fetches the tree again (a few queries).
"""

from __future__ import annotations


def seed_site_tree() -> None:
    from cms.home.setup import setup_cms

    setup_cms()


def current_site_tree():
    """The seeded tree; created again where a transactional test flushed it."""
    from cms.home.models import HomePage
    from cms.home.setup import setup_cms
    from cms.home.site_tree import ensure_site_tree

    if HomePage.objects.exists():
        return ensure_site_tree()
    return setup_cms()
