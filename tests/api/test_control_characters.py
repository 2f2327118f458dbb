"""Control characters in arguments: refused in Chinese, nothing stored (issue 10).

NUL used to come back as "不允许是用空字符串" (Django's zh_Hans for "Null characters
are not allowed", which reads "must not be empty"), or as a 500 where PostgreSQL
refused to store it.
"""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from cms.consultations.models import ConsultationComment
from cms.questions.models import Question
from tests.questions.conftest import taxonomy, topics  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

SUBMIT = """
mutation ($input: SubmitQuestionInput!) {
  submitQuestion(input: $input) {
    __typename
    ... on ValidationErrors { errors { field message } }
  }
}
"""


@pytest.fixture
def question(topics):  # noqa: F811
    return {
        "topicId": str(topics["child"].pk),
        "title": "灵活就业人员社保缴费",
        "content": "请问灵活就业人员如何在网上办理社会保险缴费登记？",
        "phone": "13812345678",
    }


@pytest.mark.parametrize(("char", "code"), [("\x00", "U+0000"), ("\x0b", "U+000B")])
def test_a_question_with_a_control_character_is_refused(graphql, question, char, code):
    question["content"] = f"请问灵活就业{char}人员如何缴费？"
    body = graphql(SUBMIT, {"input": question})
    assert body == {
        "data": None,
        "errors": [
            {
                "message": f"变量 $input.content 含有非法控制字符（{code}），请删除后重试。",
                "extensions": {"code": "BAD_USER_INPUT", "field": "input.content"},
            }
        ],
    }
    assert not Question.objects.exists()


def test_tabs_and_line_breaks_are_text(graphql, question):
    question["content"] = "第一段：\t请问如何缴费？\r\n第二段：是否可以网上办理？"
    body = graphql(SUBMIT, {"input": question})
    assert body["data"]["submitQuestion"]["__typename"] == "QuestionReceipt"
    assert Question.objects.get().content.startswith("第一段：\t")


def test_a_literal_escape_is_refused_naming_the_argument(graphql, site_tree):
    body = graphql('{ siteSettings(site: "local\\u0000host") { siteName } }')
    assert body["data"] is None
    assert body["errors"] == [
        {
            "message": "参数 site 含有非法控制字符（U+0000），请删除后重试。",
            "locations": [{"line": 1, "column": 16}],
            "extensions": {"code": "BAD_USER_INPUT", "field": "site"},
        }
    ]


def test_nested_literals_are_checked_too(graphql, site_tree):
    body = graphql(
        '{ policies(filter: {docNumber: "闵人社\\u0007发"}) { totalCount } }'
    )
    [error] = body["errors"]
    assert error["message"] == (
        "参数 filter.docNumber 含有非法控制字符（U+0007），请删除后重试。"
    )


@pytest.mark.parametrize(
    ("query", "variables", "where"),
    [
        (
            "query ($q: String!) { search(query: $q) { totalCount } }",
            {"q": "就业\x00"},
            "$q",
        ),
        (
            "query ($p: String!) { redirect(path: $p) { __typename } }",
            {"p": "/old\x00/"},
            "$p",
        ),
        (
            "query ($t: String!, $c: String!) "
            "{ question(trackingNumber: $t, queryCode: $c) { status } }",
            {"t": "ZX2025\x1b", "c": "ABCD"},
            "$t",
        ),
    ],
    ids=["search", "redirect", "question"],
)
def test_query_variables_with_control_characters(
    graphql, site_tree, query, variables, where
):
    body = graphql(query, variables)
    assert body["data"] is None
    [error] = body["errors"]
    assert error["message"].startswith(f"变量 {where} 含有非法控制字符（U+00")


def test_a_comment_with_nul_is_not_stored(graphql, site_tree):
    body = graphql(
        """mutation ($c: String!) { submitConsultationComment(input: {
            consultationId: "1", commenterType: INDIVIDUAL, content: $c
        }) { __typename } }""",
        {"c": "建议\x00延长期限"},
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert not ConsultationComment.objects.exists()


def test_forms_say_what_is_wrong_with_nul(settings):
    # Staff forms in the admin (登记书面申请 and the rest) share Django's NUL check.
    with translation.override("zh-hans"):
        form_field = forms.CharField()
        with pytest.raises(forms.ValidationError) as raised:
            form_field.clean("申请\x00")
    assert raised.value.messages == ["含有非法控制字符（U+0000），请删除后重试。"]
