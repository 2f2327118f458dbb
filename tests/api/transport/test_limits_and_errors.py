"""Depth, alias, token and page-size limits; errors masked outside DEBUG."""

from __future__ import annotations

import logging

import pytest
from graphql import get_introspection_query

from api.schema import MAX_ALIASES, MAX_COST, MAX_DEPTH, MAX_PAGE_SIZE, MAX_TOKENS
from tests.api.transport.urls import SECRET_SQL, SLOW_SECONDS

pytestmark = pytest.mark.django_db


def nested_children(levels: int) -> str:
    """page -> children -> children ... -> id: ``levels`` levels of fields."""
    inner = "id"
    for _ in range(levels - 2):
        inner = f"children {{ {inner} }}"
    return f'{{ page(id: "1") {{ {inner} }} }}'


def only_error(response) -> dict:
    body = response.json()
    assert len(body["errors"]) == 1, body
    return body["errors"][0]


def test_depth_limit(api, site_tree):
    assert "errors" not in api.get(nested_children(MAX_DEPTH)).json()

    error = only_error(api.get(nested_children(MAX_DEPTH + 1)))
    assert error["message"] == (
        f"查询嵌套过深：{MAX_DEPTH + 1} 层，最多允许 {MAX_DEPTH} 层。"
    )
    assert error["extensions"]["code"] == "QUERY_TOO_DEEP"


def test_depth_counts_through_fragments(api, site_tree):
    inner = nested_children(MAX_DEPTH)[1:-1]  # without the outer braces
    query = f"query {{ ...Deep }} fragment Deep on Query {{ {inner} }}"
    assert "errors" not in api.get(query).json()
    deeper = nested_children(MAX_DEPTH + 1)[1:-1]
    query = f"query {{ ...Deep }} fragment Deep on Query {{ {deeper} }}"
    assert only_error(api.get(query))["extensions"]["code"] == "QUERY_TOO_DEEP"


def test_alias_limit(api, site_tree):
    def aliased(count: int) -> str:
        return "{ " + " ".join(f"a{i}: __typename" for i in range(count)) + " }"

    assert "errors" not in api.get(aliased(MAX_ALIASES)).json()
    error = only_error(api.get(aliased(MAX_ALIASES + 1)))
    assert error["message"] == (
        f"查询使用了 {MAX_ALIASES + 1} 个别名，最多允许 {MAX_ALIASES} 个。"
    )
    assert error["extensions"]["code"] == "TOO_MANY_ALIASES"


def test_aliases_in_fragments_count_once_per_use(api, site_tree):
    half = MAX_ALIASES // 2 + 1
    fields = " ".join(f"a{i}: __typename" for i in range(half))
    query = f"{{ ...F x: policies {{ totalCount }} ...F }} fragment F on Query {{ {fields} }}"
    assert only_error(api.post(query))["extensions"]["code"] == "TOO_MANY_ALIASES"


def fragment_bomb(levels: int, fields: str = "id title") -> str:
    """Each fragment spreads the one before twice: 2^levels copies of ``fields``."""
    parts = [f"fragment F0 on PolicyPage {{ {fields} }}"]
    parts += [
        f"fragment F{i} on PolicyPage {{ ...F{i - 1} ...F{i - 1} }}"
        for i in range(1, levels + 1)
    ]
    return f"{{ policies {{ edges {{ node {{ ...F{levels} }} }} }} }} " + " ".join(
        parts
    )


@pytest.mark.parametrize(
    ("levels", "fields", "cost"),
    [
        (16, "id title", 3 + 2 * 2**16),
        (10, "id title issuingOrganizations { name } topics { name }", 3 + 6 * 2**10),
    ],
    ids=["under-1KB", "wide"],
)
def test_fragment_expansion_counts_against_the_cost_limit(
    api, site_tree, django_assert_num_queries, levels, fields, cost
):
    # Took 46 s before: strawberry expanded every spread to build selected_fields.
    query = fragment_bomb(levels, fields)
    assert len(query.encode()) < 1024
    with django_assert_num_queries(0):  # refused before anything runs
        error = only_error(api.post(query))
    assert error["message"] == (
        f"查询过于复杂：展开片段后共选择 {cost} 个字段，最多允许 {MAX_COST} 个。"
    )
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"


def test_fragments_within_the_cost_limit_run(api, site_tree):
    body = api.post(fragment_bomb(8)).json()
    assert body == {"data": {"policies": {"edges": []}}}


def test_the_time_budget_stops_the_remaining_fields(api, settings):
    settings.GRAPHQL_TIME_BUDGET = SLOW_SECONDS * 1.6
    response = api.post("{ a: slow b: slow c: slow d: slow }", path="/graphql/probe/")
    body = response.json()
    assert body["data"]["a"] == "慢"  # started in time
    assert body["data"]["c"] is None and body["data"]["d"] is None
    timeouts = [e for e in body["errors"] if e["extensions"]["code"] == "QUERY_TIMEOUT"]
    assert len(body["errors"]) == len(timeouts) == 1  # one error, not one a field
    assert timeouts[0]["message"] == (
        f"查询超出时间限制（{SLOW_SECONDS * 1.6:g} 秒），已停止执行；"
        "请减少所选字段或每页条数后重试。"
    )
    assert response["Cache-Control"] == "no-store"


def test_a_zero_time_budget_is_no_budget(api, settings):
    settings.GRAPHQL_TIME_BUDGET = 0
    body = api.post("{ hello }", path="/graphql/probe/").json()
    assert body == {"data": {"hello": "你好"}}


def test_token_limit(api):
    query = "{ " + "__typename " * MAX_TOKENS + "}"
    response = api.post(query)
    assert response.status_code == 200
    error = only_error(response)
    assert error["message"] == f"查询过长：超过 {MAX_TOKENS} 个词法单元。"
    assert error["extensions"]["code"] == "TOO_MANY_TOKENS"


def test_introspection_fits_the_limits(api, site_tree):
    # The schema is public; GraphiQL and codegen tools send exactly this.
    body = api.post(get_introspection_query(descriptions=True)).json()
    assert "errors" not in body
    names = {t["name"] for t in body["data"]["__schema"]["types"]}
    assert {"Query", "Page", "PolicyPage"} <= names


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        (f"{{ policies(first: {MAX_PAGE_SIZE + 400}) {{ totalCount }} }}", None),
        ("query ($n: Int) { policies(first: $n) { totalCount } }", {"n": 500}),
        ("query ($n: Int = 500) { policies(first: $n) { totalCount } }", None),
        ('{ page(id: "1") { children(first: 500) { id } } }', None),
    ],
    ids=["literal", "variable", "default", "children"],
)
def test_page_size_over_the_cap_is_refused(api, site_tree, query, variables):
    error = only_error(api.get(query, variables))
    assert error["message"] == (
        f"first 最大为 {MAX_PAGE_SIZE}，收到 500；请用 after/before 游标分页获取。"
    )
    assert error["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"


def test_page_size_at_the_cap_and_negative(api, site_tree):
    at_cap = api.get(f"{{ policies(first: {MAX_PAGE_SIZE}) {{ totalCount }} }}")
    assert at_cap.json() == {"data": {"policies": {"totalCount": 0}}}
    negative = only_error(api.get("{ policies(last: -1) { totalCount } }"))
    assert negative["message"] == "last 不能为负数。"


def test_malformed_cursor_is_a_client_error_not_a_crash(api, site_tree):
    error = only_error(api.get('{ policies(after: "not-a-cursor") { totalCount } }'))
    assert error["extensions"]["code"] == "INVALID_CURSOR"
    assert "after 不是有效的分页游标" in error["message"]


def test_internal_errors_are_masked_outside_debug(api, site_tree, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError(SECRET_SQL)

    monkeypatch.setattr("api.policies.queries.listed_policies", broken)
    with caplog.at_level(logging.ERROR):
        response = api.get("{ policies { totalCount } }")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["data"] is None
    assert [error["message"] for error in body["errors"]] == ["服务器内部错误"]
    for leak in ("SELECT", "auth_user", "Traceback", "RuntimeError", ".py"):
        assert leak not in response.content.decode()
    # Operators still see what happened.
    assert SECRET_SQL in caplog.text


def test_errors_are_readable_in_debug(api, settings):
    settings.DEBUG = True
    body = api.get("{ boom }", path="/graphql/probe/").json()
    assert body["errors"][0]["message"] == SECRET_SQL


def test_deliberate_errors_stay_readable(api):
    body = api.get("{ hello refused boom }", path="/graphql/probe/").json()
    assert body["data"] == {"hello": "你好", "refused": None, "boom": None}
    messages = {tuple(e["path"]): e["message"] for e in body["errors"]}
    assert messages == {
        ("refused",): "该页面不存在或未公开。",
        ("boom",): "服务器内部错误",
    }


def test_syntax_and_validation_errors_stay_readable(api, site_tree):
    syntax = only_error(api.get("{ policies { "))
    assert syntax["message"] == "语法错误：应为 Name，实际为 <EOF>。"
    assert syntax["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
    validation = only_error(api.get("{ policies { nope } }"))
    assert validation["message"] == "类型 PolicyPageConnection 上没有字段 nope。"
    assert validation["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
