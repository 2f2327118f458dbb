"""Malformed requests get a clear Chinese error and a 4xx, never a 500 (issue 10)."""

from __future__ import annotations

import json

import pytest

from api.inputs import MAX_NESTING

pytestmark = pytest.mark.django_db


def post_raw(client, body: str | bytes):
    return client.post("/graphql/", body, content_type="application/json")


def only_error(response) -> dict:
    body = response.json()
    assert len(body["errors"]) == 1, body
    return body["errors"][0]


def test_a_ten_megabyte_body_is_413_in_json(client):
    body = json.dumps({"query": "{ __typename }", "padding": "x" * 10_000_000})
    response = post_raw(client, body)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert only_error(response) == {
        "message": "请求体过大：GraphQL 请求最多 1024 KB。",
        "extensions": {"code": "PAYLOAD_TOO_LARGE"},
    }


def test_the_site_wide_upload_limit_is_answered_the_same_way(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = post_raw(client, json.dumps({"query": "{ __typename }" + " " * 200}))
    assert response.status_code == 413
    assert only_error(response)["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_the_body_limit_is_a_setting(client, settings):
    settings.GRAPHQL_MAX_BODY_SIZE = 2048
    small = post_raw(client, json.dumps({"query": "{ __typename }"}))
    assert small.json() == {"data": {"__typename": "Query"}}
    large = post_raw(client, json.dumps({"query": "{ __typename }" + " " * 3000}))
    assert large.status_code == 413
    assert only_error(large)["message"] == "请求体过大：GraphQL 请求最多 2 KB。"


def test_variables_nested_beyond_the_decoder_are_a_400(client):
    query = json.dumps("query ($q: String!) { search(query: $q) { totalCount } }")
    deep = "[" * 5000 + "]" * 5000
    body = f'{{"query": {query}, "variables": {{"q": {deep}}}}}'
    response = post_raw(client, body)
    assert response.status_code == 400
    assert only_error(response) == {
        "message": "请求体 嵌套过深。",
        "extensions": {"code": "BAD_REQUEST"},
    }


def test_variables_nested_deeper_than_any_input_are_a_400(client):
    value: object = "就业"
    for _ in range(MAX_NESTING + 5):
        value = [value]
    response = post_raw(
        client,
        json.dumps(
            {
                "query": "query ($t: [ID!]) { faqs(topic: $t) { totalCount } }",
                "variables": {"t": value},
            }
        ),
    )
    assert response.status_code == 400
    assert (
        only_error(response)["message"]
        == f"variables 嵌套过深：最多 {MAX_NESTING} 层。"
    )


@pytest.mark.parametrize(
    ("query", "variables", "where"),
    [
        (
            "query ($o: PolicyOrder!) { policies(order: $o) { totalCount } }",
            {"o": "\ud800"},
            "variables.o",
        ),
        (
            "query ($q: String!) { search(query: $q) { totalCount } }",
            {"q": "就业\udfff补贴"},
            "variables.q",
        ),
        (
            "query ($f: PolicyFilter) { policies(filter: $f) { totalCount } }",
            {"f": {"topic": ["1", "\ud83d"]}},
            "variables.f.topic[1]",
        ),
        ('{ page(urlPath: "/\ud800/") { id } }', None, "query"),
    ],
    ids=["enum", "string", "nested", "query-text"],
)
def test_a_lone_surrogate_is_a_400_naming_where_it_is(client, query, variables, where):
    # ensure_ascii writes the surrogate as the \uXXXX escape JSON allows.
    body = json.dumps({"query": query, "variables": variables}, ensure_ascii=True)
    response = post_raw(client, body)
    assert response.status_code == 400
    error = only_error(response)
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert error["message"].startswith(
        f"{where} 含有无效的 Unicode 字符（孤立的代理项 U+D"
    )
    assert error["message"].endswith("请以 UTF-8 正确编码文本后重试。")


def test_a_lone_surrogate_over_get_is_a_400(client):
    response = client.get(
        "/graphql/",
        {
            "query": "query ($q: String!) { search(query: $q) { totalCount } }",
            "variables": '{"q": "\\ud800"}',
        },
    )
    assert response.status_code == 400
    assert only_error(response)["message"].startswith("variables.q 含有无效的 Unicode")
