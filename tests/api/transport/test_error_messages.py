"""graphql-core's parse, validation and input errors reach the client in Chinese,
each with a code (api/messages.py); GraphQL over HTTP's response media type."""

from __future__ import annotations

import pytest

from api.messages import translate

pytestmark = pytest.mark.django_db

SUBMIT = (
    "mutation ($i: SubmitQuestionInput!) { submitQuestion(input: $i) { __typename } }"
)


@pytest.mark.parametrize(
    ("query", "variables", "message", "code"),
    [
        # Syntax
        (
            "{ policies { ",
            None,
            "语法错误：应为 Name，实际为 <EOF>。",
            "GRAPHQL_PARSE_FAILED",
        ),
        (
            "{ policies { totalCount } } }",
            None,
            "语法错误：意外的 '}'。",
            "GRAPHQL_PARSE_FAILED",
        ),
        (
            '{ page(id: "1',
            None,
            "语法错误：字符串没有结束（缺少右引号）。",
            "GRAPHQL_PARSE_FAILED",
        ),
        (
            "{ policies(first: 1.) { totalCount } }",
            None,
            "语法错误：无效的数字：此处应为数字，实际为 ')'。",
            "GRAPHQL_PARSE_FAILED",
        ),
        # The document against the schema
        (
            "{ polices { totalCount } }",
            None,
            "类型 Query 上没有字段 polices。（是否要用 'policies'、'topics'？）",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ policies(bogus: 1) { totalCount } }",
            None,
            "字段 Query.policies 没有参数 bogus。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ policies }",
            None,
            "字段 policies（PolicyPageConnection!）须选择子字段，例如 policies { ... }。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ policies { totalCount { x } } }",
            None,
            "字段 totalCount 的类型 Int 没有子字段，不能再选择。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ policies(order: NOPE) { totalCount } }",
            None,
            "枚举 PolicyOrder 中没有值 NOPE。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            '{ policies(order: "NEWEST") { totalCount } }',
            None,
            '枚举 PolicyOrder 不接受 "NEWEST"：请使用枚举值名称（不带引号）。',
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            '{ policies(first: "x") { totalCount } }',
            None,
            'Int 类型只接受整数，收到 "x"。',
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ policies(first: 99999999999) { totalCount } }",
            None,
            "Int 类型只接受 32 位有符号整数（-2147483648 至 2147483647），收到 99999999999。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ page(id: 1.5) { id } }",
            None,
            "ID 类型只接受字符串或整数，收到 1.5。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "query ($n: String) { policies(first: $n) { totalCount } }",
            None,
            "变量 $n 的类型是 String，此处需要 Int。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "query ($x: Int) { policies { totalCount } }",
            None,
            "变量 $x 已声明但没有使用。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ policies(first: $x) { totalCount } }",
            None,
            "变量 $x 没有声明。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ policies(first: 1, first: 2) { totalCount } }",
            None,
            "名为 first 的参数只能有一个。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ ... on Nope { x } }",
            None,
            "未知的类型 Nope。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ policies @nope { totalCount } }",
            None,
            "未知的指令 @nope。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "fragment A on Query { ...A } { ...A }",
            None,
            "片段 A 不能（直接或间接）展开自身。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            '{ a: policies { totalCount } a: page(id: "1") { id } }',
            None,
            "字段 a 冲突（policies 与 page 是不同的字段）：如需同时获取，请使用不同的别名。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            'mutation { cancelEventRegistration(code: "x") { __typename } }',
            None,
            "Mutation.cancelEventRegistration 缺少必填参数 phone（String!）。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        # Variables that do not fit the operation
        (
            "query ($n: Int) { policies(first: $n) { totalCount } }",
            {"n": "x"},
            "变量 $n 的值无效：Int 类型只接受整数，收到 'x'。",
            "BAD_USER_INPUT",
        ),
        (
            "query ($n: Int!) { policies(first: $n) { totalCount } }",
            {},
            "变量 $n 的值无效：必须提供 Int! 类型的值。",
            "BAD_USER_INPUT",
        ),
        (
            "query ($n: Int!) { policies(first: $n) { totalCount } }",
            {"n": None},
            "变量 $n 的值无效：Int! 类型的值不能为 null。",
            "BAD_USER_INPUT",
        ),
        (
            "query ($o: PolicyOrder!) { policies(order: $o) { totalCount } }",
            {"o": "NOPE"},
            "变量 $o 的值无效：枚举 PolicyOrder 中没有值 NOPE。",
            "BAD_USER_INPUT",
        ),
        (
            "query ($d: Date) "
            "{ policies(filter: {publishDate: {from: $d}}) { totalCount } }",
            {"d": "2025-13-01"},
            "变量 $d 的值无效：Date 类型的值应为 ISO 8601 日期（如 2025-06-17），"
            '收到 "2025-13-01"。',
            "BAD_USER_INPUT",
        ),
        (
            '{ policies(filter: {publishDate: {from: "x"}}) { totalCount } }',
            None,
            'Date 类型的值应为 ISO 8601 日期（如 2025-06-17），收到 "x"。',
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            SUBMIT,
            {"i": 5},
            "变量 $i 的值无效：SubmitQuestionInput 类型的值应为对象。",
            "BAD_USER_INPUT",
        ),
    ],
)
def test_library_errors_in_chinese_with_a_code(
    api, site_tree, query, variables, message, code
):
    response = api.post(query, variables)
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert [(e["message"], e["extensions"]) for e in body["errors"]] == [
        (message, {"code": code})
    ]


def test_every_missing_field_is_named_without_echoing_the_input(api, site_tree):
    variables = {"i": {"phone": "13800138000", "idCard": "110101199003077777"}}
    response = api.post(SUBMIT, variables)
    assert [e["message"] for e in response.json()["errors"]] == [
        "变量 $i 的值无效：SubmitQuestionInput 缺少必填字段 topicId。",
        "变量 $i 的值无效：SubmitQuestionInput 缺少必填字段 title。",
        "变量 $i 的值无效：SubmitQuestionInput 缺少必填字段 content。",
        "变量 $i 的值无效：SubmitQuestionInput 没有字段 idCard。",
    ]
    assert "13800138000" not in response.content.decode()


def test_input_errors_are_not_masked_outside_debug(api, site_tree, settings):
    settings.DEBUG = False
    body = api.post(
        "query ($n: Int) { policies(first: $n) { totalCount } }", {"n": []}
    ).json()
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
    assert body["errors"][0]["message"] != "服务器内部错误"


@pytest.mark.parametrize(
    ("english", "chinese", "code"),
    [
        (
            "Syntax Error: Document contains more than 10 tokens. Parsing aborted.",
            "语法错误：查询过长：超过 10 个词法单元。",
            "TOO_MANY_TOKENS",
        ),
        (
            "Maximum introspection depth exceeded",
            "内省查询嵌套过深。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "The subscription operation is not supported by the schema.",
            "不支持 subscription 操作。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "This anonymous operation must be the only defined operation.",
            "匿名操作必须是文档中唯一的操作。",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "Argument 'first' of required type 'Int!' was not provided.",
            "缺少必填参数 first（Int!）。",
            "BAD_USER_INPUT",
        ),
        # A message no pattern knows still leads in Chinese, its details kept.
        (
            "Something new in graphql-core 3.4.",
            "请求无效：Something new in graphql-core 3.4.",
            "GRAPHQL_VALIDATION_FAILED",
        ),
    ],
)
def test_translations_of_rarer_messages(english, chinese, code):
    assert translate(english) == (chinese, code)


class TestGraphQLResponseMediaType:
    """GraphQL over HTTP: ``Accept: application/graphql-response+json``."""

    ACCEPT = "application/graphql-response+json, application/json;q=0.9"

    def test_request_errors_are_400_without_data(self, api, site_tree):
        for query in ("{ policies { ", "{ policies { nope } }"):
            response = api.post(query, headers={"Accept": self.ACCEPT})
            assert response.status_code == 400
            assert response["Content-Type"] == "application/graphql-response+json"
            assert "Accept" in response["Vary"]
            assert "data" not in response.json()
            assert len(response.json()["errors"]) == 1

    def test_variable_errors_are_request_errors(self, api, site_tree):
        response = api.post(
            "query ($n: Int!) { policies(first: $n) { totalCount } }",
            {"n": "x"},
            headers={"Accept": "application/graphql-response+json"},
        )
        assert response.status_code == 400
        assert response.json() == {
            "errors": [
                {
                    "message": "变量 $n 的值无效：Int 类型只接受整数，收到 'x'。",
                    "locations": [{"line": 1, "column": 8}],
                    "extensions": {"code": "BAD_USER_INPUT"},
                }
            ]
        }

    def test_a_successful_query_is_200_with_data(self, api, site_tree):
        for method in (api.get, api.post):
            response = method(
                "{ policies { totalCount } }", headers={"Accept": self.ACCEPT}
            )
            assert response.status_code == 200
            assert response["Content-Type"] == "application/graphql-response+json"
            assert "Accept" in response["Vary"]
            assert response.json() == {"data": {"policies": {"totalCount": 0}}}

    def test_field_errors_keep_data_and_200(self, api):
        response = api.get(
            "{ hello refused }",
            path="/graphql/probe/",
            headers={"Accept": self.ACCEPT},
        )
        assert response.status_code == 200
        assert response.json()["data"] == {"hello": "你好", "refused": None}

    @pytest.mark.parametrize(
        "accept", [None, "application/json", "*/*", "application/json, */*;q=0.5"]
    )
    def test_application_json_stays_as_it_is(self, api, site_tree, accept):
        headers = {"Accept": accept} if accept else {}
        response = api.post("{ policies { nope } }", headers=headers)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert "Accept" in response["Vary"]
        body = response.json()
        assert body["data"] is None
        assert body["errors"][0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}

    def test_json_preferred_by_quality_stays_json(self, api, site_tree):
        accept = "application/graphql-response+json;q=0.5, application/json"
        response = api.post("{ policies { nope } }", headers={"Accept": accept})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"

    def test_transport_errors_take_the_media_type(self, api):
        response = api.client.post(
            "/graphql/",
            "{not json",
            content_type="application/json",
            headers={"Accept": self.ACCEPT},
        )
        assert response.status_code == 400
        assert response["Content-Type"] == "application/graphql-response+json"
        assert response.json() == {
            "errors": [
                {
                    "message": "请求体 不是有效的 JSON。",
                    "extensions": {"code": "BAD_REQUEST"},
                }
            ]
        }
