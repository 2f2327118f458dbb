from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.seed import current_site_tree, seed_site_tree


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the site tree seeded once (tests/seed.py)."""
    from django.db import connection
    from wagtail.models import Page

    with django_db_blocker.unblock():
        # A database reused after transactional tests flushed it has no root page:
        # those tests restore it themselves, and site_tree seeds again then.
        if "wagtailcore_page" not in connection.introspection.table_names() or (
            Page.get_first_root_node() is None
        ):
            return
        seed_site_tree()
        # Transactional tests with serialized_rollback restore this snapshot: the
        # seeded tree, not the bare migrated pages its rows would collide with.
        if getattr(connection, "_test_serialized_contents", None) is not None:
            connection._test_serialized_contents = (
                connection.creation.serialize_db_to_string()
            )


@pytest.fixture
def site_tree(db):
    """The installation's site tree, taxonomy, groups and workflows."""
    return current_site_tree()


@pytest.fixture
def bureau(site_tree):
    from cms.taxonomy.models import Organization
    from cms.taxonomy.seed import BUREAU_NAME

    return Organization.objects.get(name=BUREAU_NAME)


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="root", email="root@example.com", password="pw-root-123"
    )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rolled-back test data fires no signals, so no test may see another's cache."""
    from django.core.cache import cache

    from api.cache import forget_memos
    from api.optimizer import forget_plans

    cache.clear()
    forget_memos()
    forget_plans()
    yield
    cache.clear()
    forget_memos()
    forget_plans()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def graphql(client) -> Callable[..., dict]:
    """Post a query to /graphql/ through the real HTTP stack; return the JSON body."""

    def run(
        query: str, variables: dict | None = None, *, method: str = "post", **extra
    ):
        payload = {"query": query, "variables": variables or {}}
        if method == "get":
            params = {"query": query}
            if variables:
                params["variables"] = json.dumps(variables)
            response = client.get("/graphql/", params, **extra)
        else:
            response = client.post(
                "/graphql/",
                json.dumps(payload),
                content_type="application/json",
                **extra,
            )
        run.last_response = response
        return response.json()

    run.last_response = None
    return run
