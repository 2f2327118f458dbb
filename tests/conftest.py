from __future__ import annotations

import json
from collections.abc import Callable

import pytest


@pytest.fixture
def site_tree(db):
    """The installation's site tree, taxonomy, groups and workflows."""
    from cms.home.setup import setup_cms

    return setup_cms()


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

    cache.clear()
    yield
    cache.clear()


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
