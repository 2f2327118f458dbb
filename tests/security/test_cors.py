"""CORS on /graphql/ for the frontends' origins (django-cors-headers), through real HTTP."""

from __future__ import annotations

import json

import pytest

from .helpers import settings_in

pytestmark = pytest.mark.django_db

WEBSITE = "https://www.example.gov.cn"
STRANGER = "https://evil.example.com"
CORS_HEADERS = (
    "Access-Control-Allow-Origin",
    "Access-Control-Allow-Methods",
    "Access-Control-Allow-Headers",
    "Access-Control-Expose-Headers",
    "Access-Control-Max-Age",
    "Access-Control-Allow-Credentials",
)


@pytest.fixture(autouse=True)
def _origins(settings):
    settings.CORS_ALLOWED_ORIGINS = [WEBSITE, "https://servicewechat.com"]


def _cors(response) -> dict[str, str]:
    return {name: response[name] for name in CORS_HEADERS if name in response}


def _preflight(client, origin, path="/graphql/", method="POST"):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, x-client, if-none-match",
    )


def test_a_preflight_from_a_frontend_is_answered_before_the_view(client):
    for path in ("/graphql/", "/graphql/mp/"):
        response = _preflight(client, WEBSITE, path)
        assert response.status_code == 200, path
        assert response.content == b""
        assert _cors(response) == {
            "Access-Control-Allow-Origin": WEBSITE,
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": (
                "accept, authorization, content-type, user-agent, x-csrftoken, "
                "x-requested-with, x-client, if-none-match"
            ),
            "Access-Control-Expose-Headers": "ETag, X-GraphQL-Cache",
            "Access-Control-Max-Age": "86400",
        }


def test_cross_origin_requests_get_the_origin_and_the_cache_headers(client):
    get = client.get(
        "/graphql/",
        {"query": "{ __typename }"},
        HTTP_ORIGIN="https://servicewechat.com",
    )
    assert get.json() == {"data": {"__typename": "Query"}}
    assert _cors(get) == {
        "Access-Control-Allow-Origin": "https://servicewechat.com",
        "Access-Control-Expose-Headers": "ETag, X-GraphQL-Cache",
    }
    assert "origin" in get["Vary"].lower()
    assert "ETag" in get and get["X-GraphQL-Cache"] == "MISS"

    post = client.post(
        "/graphql/",
        json.dumps({"query": "{ __typename }"}),
        content_type="application/json",
        HTTP_ORIGIN=WEBSITE,
    )
    assert post.json() == {"data": {"__typename": "Query"}}
    assert _cors(post) == {
        "Access-Control-Allow-Origin": WEBSITE,
        "Access-Control-Expose-Headers": "ETag, X-GraphQL-Cache",
    }


def test_a_cached_answer_speaks_cors_like_the_first(client):
    """The second GET is a response-cache hit answered before routing
    (api/middleware.py); CORS applies to it the same, with an Origin or without."""
    params = {"query": "{ __typename }"}
    first = client.get("/graphql/", params, HTTP_ORIGIN=WEBSITE)
    again = client.get("/graphql/", params, HTTP_ORIGIN=WEBSITE)
    assert (first["X-GraphQL-Cache"], again["X-GraphQL-Cache"]) == ("MISS", "HIT")
    assert (
        _cors(again)
        == _cors(first)
        == {
            "Access-Control-Allow-Origin": WEBSITE,
            "Access-Control-Expose-Headers": "ETag, X-GraphQL-Cache",
        }
    )
    server = client.get("/graphql/", params)
    assert server["X-GraphQL-Cache"] == "HIT"
    assert _cors(server) == {}
    # No Origin on this one, but the next may bring one: shared caches must know.
    assert "origin" in [v.strip() for v in server["Vary"].split(",")]


def test_other_origins_get_no_cors_headers(client):
    preflight = _preflight(client, STRANGER)
    assert _cors(preflight) == {}
    get = client.get("/graphql/", {"query": "{ __typename }"}, HTTP_ORIGIN=STRANGER)
    assert get.status_code == 200
    assert _cors(get) == {}


def test_only_the_api_speaks_cors(client, site_tree):
    for path in ("/admin/login/", "/django-admin/login/", "/"):
        assert _cors(_preflight(client, WEBSITE, path)) == {}, path
        assert _cors(client.get(path, HTTP_ORIGIN=WEBSITE)) == {}, path


def test_without_configured_origins_nobody_is_allowed(client, settings):
    settings.CORS_ALLOWED_ORIGINS = []
    assert _cors(_preflight(client, WEBSITE)) == {}


def test_allowed_origins_come_from_the_environment():
    env = {
        "SECRET_KEY": "x" * 60,
        "CORS_ALLOWED_ORIGINS": f"{WEBSITE}, https://servicewechat.com",
    }
    assert settings_in(env, "CORS_ALLOWED_ORIGINS") == {
        "CORS_ALLOWED_ORIGINS": [WEBSITE, "https://servicewechat.com"]
    }
    assert settings_in({"SECRET_KEY": "x" * 60}, "CORS_ALLOWED_ORIGINS") == {
        "CORS_ALLOWED_ORIGINS": []
    }
