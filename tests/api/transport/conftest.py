from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from api import persisted
from tests.factories import PolicyPageFactory


@pytest.fixture(autouse=True)
def _fresh_caches(settings, tmp_path):
    """Every test starts with empty caches, its own generation stamp, and the
    project's URLs plus the test endpoints."""
    settings.ROOT_URLCONF = "tests.api.transport.urls"
    settings.GRAPHQL_GENERATION_FILE = tmp_path / "graphql.generation"
    cache.clear()
    persisted.committed.cache_clear()
    yield
    cache.clear()


class Api:
    """GET and POST to a GraphQL endpoint through the whole middleware stack."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def get(
        self,
        query: str | None = None,
        variables: dict[str, Any] | None = None,
        *,
        path: str = "/graphql/",
        extensions: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ):
        params: dict[str, str] = {}
        if query is not None:
            params["query"] = query
        if variables:
            params["variables"] = json.dumps(variables)
        if extensions:
            params["extensions"] = json.dumps(extensions)
        return self.client.get(path, params, headers=headers or {})

    def post(
        self,
        query: str | None = None,
        variables: dict[str, Any] | None = None,
        *,
        path: str = "/graphql/",
        extensions: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ):
        body: dict[str, Any] = {"variables": variables or {}}
        if query is not None:
            body["query"] = query
        if extensions:
            body["extensions"] = extensions
        return self.client.post(
            path, json.dumps(body), content_type="application/json", headers=headers
        )


@pytest.fixture
def api(client: Client) -> Api:
    return Api(client)


@pytest.fixture
def policy(site_tree, bureau):
    """One published policy, published the way editors publish."""
    page = PolicyPageFactory(
        parent=site_tree.policies, title="关于调整最低工资标准的通知", issuers=[bureau]
    )
    page.save_revision().publish()
    return page
