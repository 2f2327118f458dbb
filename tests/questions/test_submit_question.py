"""submitQuestion and question(trackingNumber, queryCode) through real HTTP."""

from __future__ import annotations

import re

import pytest

from cms.participation.models import Notification, NotificationStatus
from cms.questions.models import Question, QuestionStatus
from cms.questions.services import query_code_for

SUBMIT = """
mutation ($input: SubmitQuestionInput!) {
  submitQuestion(input: $input) {
    __typename
    ... on QuestionReceipt { trackingNumber queryCode submittedAt }
    ... on ValidationErrors { errors { field message } }
  }
}
"""

PROGRESS = """
query ($t: String!, $c: String!) {
  question(trackingNumber: $t, queryCode: $c) {
    trackingNumber title status department answer answeredAt isPublished
  }
}
"""


@pytest.fixture
def valid_input(topics):
    return {
        "topicId": str(topics["child"].pk),
        "title": "灵活就业人员社保缴费",
        "content": "请问灵活就业人员如何在网上办理社会保险缴费登记？",
        "name": "李四",
        "phone": "+86 138 1234 5678",
        "email": "lisi@example.com",
        "consentToPublish": True,
        "idempotencyKey": "4b5f0c1e-1",
    }


def _submit(graphql, data, **extra):
    return graphql(SUBMIT, {"input": data}, **extra)["data"]["submitQuestion"]


@pytest.mark.django_db
def test_submit_stores_first_then_notifies_staff(
    graphql, valid_input, superuser, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = _submit(graphql, valid_input)
    assert receipt["__typename"] == "QuestionReceipt"
    assert re.fullmatch(r"ZX\d{14}", receipt["trackingNumber"])
    assert re.fullmatch(r"[A-Z2-9]{8}", receipt["queryCode"])
    assert graphql.last_response["Cache-Control"] == "private, no-store"

    question = Question.objects.get()
    # The code itself is not stored: it is derived again from the number and salt.
    assert receipt["queryCode"] not in str(Question.objects.values().get())
    assert query_code_for(question) == receipt["queryCode"]
    assert (
        question.tracking_number,
        question.title,
        question.name,
        question.phone,
        question.email,
        question.consent_to_publish,
        question.status,
    ) == (
        receipt["trackingNumber"],
        "灵活就业人员社保缴费",
        "李四",
        "13812345678",
        "lisi@example.com",
        True,
        QuestionStatus.RECEIVED,
    )
    notification = Notification.objects.get()
    assert notification.kind == "question.submitted"
    assert notification.reference == f"questions.Question:{question.pk}"
    assert notification.status == NotificationStatus.SENT
    assert notification.recipients == ["root@example.com"]
    # Staff mail carries no personal data of the asker.
    assert [m.subject for m in mailoutbox] == [
        f"[网上咨询] 新咨询 {question.tracking_number}：灵活就业人员社保缴费"
    ]
    assert "13812345678" not in mailoutbox[0].body
    assert "李四" not in mailoutbox[0].body


@pytest.mark.django_db
def test_validation_errors_are_per_field_and_chinese(graphql, topics):
    result = _submit(
        graphql,
        {
            "topicId": "999999",
            "title": "问",
            "content": "太短",
            "phone": "12345",
            "email": "not-an-email",
            "name": "名" * 51,
        },
    )
    assert result == {
        "__typename": "ValidationErrors",
        "errors": [
            {"field": "topicId", "message": "咨询主题不存在。"},
            {"field": "title", "message": "标题至少 4 个字。"},
            {"field": "content", "message": "咨询内容至少 10 个字。"},
            {"field": "name", "message": "姓名不能超过 50 个字。"},
            {
                "field": "phone",
                "message": "电话号码不正确：请填写 11 位手机号码或带区号的固定电话。",
            },
            {"field": "email", "message": "电子邮箱格式不正确。"},
        ],
    }
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_size_limits(graphql, valid_input):
    result = _submit(
        graphql,
        {**valid_input, "title": "长" * 101, "content": "长" * 2001},
    )
    assert result["errors"] == [
        {"field": "title", "message": "标题不能超过 100 个字。"},
        {"field": "content", "message": "咨询内容不能超过 2000 个字。"},
    ]


@pytest.mark.django_db
def test_honeypot_rejects_without_storing(graphql, valid_input):
    result = _submit(graphql, {**valid_input, "website": "http://spam.example"})
    assert result == {
        "__typename": "ValidationErrors",
        "errors": [
            {"field": "website", "message": "提交未通过校验，请刷新页面后重试。"}
        ],
    }
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_rate_limit_answers_rate_limited_not_500(graphql, valid_input, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"question": (2, 3600)}
    for n in range(2):
        assert (
            _submit(graphql, {**valid_input, "idempotencyKey": f"k{n}"})["__typename"]
            == "QuestionReceipt"
        )
    body = graphql(SUBMIT, {"input": {**valid_input, "idempotencyKey": "k3"}})
    assert graphql.last_response.status_code == 200
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["message"].startswith("提交过于频繁，请 ")
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert 0 < error["extensions"]["retryAfter"] <= 3600
    assert Question.objects.count() == 2
    # Another client is not affected.
    other = _submit(
        graphql, {**valid_input, "idempotencyKey": "k4"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other["__typename"] == "QuestionReceipt"


@pytest.mark.django_db
def test_idempotency_key_returns_the_first_receipt(graphql, valid_input):
    first = _submit(graphql, valid_input)
    again = _submit(graphql, valid_input)
    assert again == first
    assert Question.objects.count() == 1
    # The same key for a different question is refused and reveals nothing.
    other = _submit(graphql, {**valid_input, "title": "另一个问题的标题"})
    assert other == {
        "__typename": "ValidationErrors",
        "errors": [
            {
                "field": "idempotencyKey",
                "message": "该幂等键已用于另一份提交，请为新的提交生成新的键。",
            }
        ],
    }


@pytest.mark.django_db
def test_asker_follows_progress_with_tracking_number_and_query_code(
    graphql, valid_input, departments
):
    receipt = _submit(graphql, valid_input)
    variables = {"t": receipt["trackingNumber"], "c": receipt["queryCode"]}
    assert graphql(PROGRESS, variables)["data"]["question"] == {
        "trackingNumber": receipt["trackingNumber"],
        "title": "灵活就业人员社保缴费",
        "status": "RECEIVED",
        "department": None,
        "answer": None,
        "answeredAt": None,
        "isPublished": False,
    }
    assert graphql.last_response["Cache-Control"] == "private, no-store"

    question = Question.objects.get()
    question.department = departments["insurance"]
    question.answer = "可通过“一网通办”办理。"
    question.status = QuestionStatus.ANSWERED
    question.answered_at = question.submitted_at
    question.save()
    answered = graphql(PROGRESS, variables)["data"]["question"]
    assert (answered["status"], answered["department"], answered["answer"]) == (
        "ANSWERED",
        "社会保险科",
        "可通过“一网通办”办理。",
    )

    # A wrong query code (or someone else's number) finds nothing.
    assert graphql(PROGRESS, {**variables, "c": "WRONGCOD"})["data"]["question"] is None
    assert graphql(PROGRESS, {"t": "ZX000", "c": "X"})["data"]["question"] is None
