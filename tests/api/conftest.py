from __future__ import annotations

import json
from collections.abc import Callable

import pytest


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
