"""Cache-Control, ETag and 304 on GET; no cookies; private answers for editors and previews."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

LIST = "{ policies(first: 10) { totalCount edges { node { id title } } } }"
PUBLIC = "public, max-age=60, stale-while-revalidate=600"


def assert_no_cookies(response) -> None:
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_public_get_is_cacheable_with_strong_etag(api, policy):
    response = api.get(LIST)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == PUBLIC
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert response.json() == {
        "data": {
            "policies": {
                "totalCount": 1,
                "edges": [{"node": {"id": str(policy.pk), "title": policy.title}}],
            }
        }
    }
    # The body is UTF-8, not \uXXXX escapes.
    assert policy.title.encode() in response.content
    assert_no_cookies(response)


def test_cache_headers_follow_settings(api, policy, settings):
    settings.GRAPHQL_CACHE_MAX_AGE = 5
    settings.GRAPHQL_CACHE_STALE_WHILE_REVALIDATE = 30
    response = api.get(LIST)
    assert response["Cache-Control"] == "public, max-age=5, stale-while-revalidate=30"


def test_matching_if_none_match_answers_304_without_body(api, policy):
    etag = api.get(LIST)["ETag"]

    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = api.get(LIST, headers={"If-None-Match": header})
        assert response.status_code == 304, header
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Cache-Control"] == PUBLIC
        assert_no_cookies(response)

    stale = api.get(LIST, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200
    assert stale["ETag"] == etag


def test_etag_changes_with_the_content(api, policy):
    before = api.get(LIST)["ETag"]
    policy.title = "关于调整最低工资标准的通知（修订）"
    policy.save_revision().publish()

    response = api.get(LIST, headers={"If-None-Match": before})
    assert response.status_code == 200
    assert response["ETag"] != before


def test_anonymous_get_never_touches_the_session(api, policy, client):
    # Even with a CSRF cookie present (a visitor who opened a Django form before).
    client.cookies["csrftoken"] = "x" * 32
    response = api.get(LIST)
    assert response["Cache-Control"] == PUBLIC
    assert_no_cookies(response)


def test_plain_post_is_not_stored(api, policy):
    response = api.post(LIST)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response
    assert response.json()["data"]["policies"]["totalCount"] == 1
    assert_no_cookies(response)


def test_staff_requests_are_private(api, policy, client, superuser):
    client.force_login(superuser)
    for response in (api.get(LIST), api.post(LIST)):
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response
        assert response.json()["data"]["policies"]["totalCount"] == 1


def test_preview_requests_are_private(api, site_tree):
    # Private before the query even runs: whatever the token, nothing is shared.
    query = "query ($t: String) { page(previewToken: $t) { id title } }"
    for response in (api.get(query, {"t": "abc"}), api.post(query, {"t": "abc"})):
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response


def test_resolvers_can_make_a_response_private(api):
    response = api.get("{ draft }", path="/graphql/probe/")
    assert response.json() == {"data": {"draft": "草稿"}}
    assert response["Cache-Control"] == "private, no-store"
    # ... and it is not served to the next caller from the response cache.
    assert api.get("{ draft }", path="/graphql/probe/")["X-GraphQL-Cache"] != "HIT"


def test_errors_are_not_cached(api, site_tree):
    response = api.get("{ nope }")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json()["errors"][0]["message"] == "类型 Query 上没有字段 nope。"


def test_mutations_over_get_are_refused(api):
    response = api.get("mutation { touch }", path="/graphql/probe/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"

    posted = api.post("mutation { touch }", path="/graphql/probe/")
    assert posted.json() == {"data": {"touch": True}}
    assert posted["Cache-Control"] == "no-store"


def test_other_methods_are_refused(client):
    response = client.put("/graphql/", "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "请求中没有 GraphQL 查询"),
        (
            {"query": "{ __typename }", "variables": "{oops"},
            "variables 不是有效的 JSON",
        ),
        (
            {"query": "query A { __typename } query B { __typename }"},
            "请用 operationName 指定",
        ),
        (
            {"query": "query A { __typename }", "operationName": "B"},
            "没有名为 B 的操作",
        ),
    ],
)
def test_malformed_requests_get_chinese_errors(client, params, message):
    response = client.get("/graphql/", params)
    assert response.status_code == 400
    assert message in response.json()["errors"][0]["message"]


def test_post_needs_json(client):
    response = client.post("/graphql/", {"query": "{ __typename }"})
    assert response.status_code == 415
    batch = client.post("/graphql/", "[]", content_type="application/json")
    assert batch.status_code == 400
    assert "不支持批量查询" in batch.json()["errors"][0]["message"]
