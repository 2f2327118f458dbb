"""submitConsultationComment through real HTTP: the window, enterprise fields, limits,
the honeypot, the rate limit, idempotency and a failing mail server."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from cms.consultations.models import (
    CommenterType,
    ConsultationComment,
    ModerationStatus,
)
from cms.participation.models import Notification, NotificationStatus
from cms.participation.notifications import deliver_due

DAY = datetime.timedelta(days=1)

SUBMIT = """
mutation ($input: ConsultationCommentInput!) {
  submitConsultationComment(input: $input) {
    __typename
    ... on ConsultationCommentReceipt { receiptNumber submittedAt }
    ... on ConsultationCommentRejected { reason message openDate closeDate }
    ... on ValidationErrors { errors { field message } }
  }
}
"""


@pytest.fixture
def open_consultation(make_consultation):
    return make_consultation(is_enterprise_related=True)


def _input(consultation, **changes) -> dict:
    data = {
        "consultationId": str(consultation.pk),
        "commenterType": "INDIVIDUAL",
        "content": "建议将灵活就业人员纳入补贴范围。",
    }
    data.update(changes)
    return data


def _submit(graphql, data: dict, **extra) -> dict:
    body = graphql(SUBMIT, {"input": data}, **extra)
    assert "errors" not in body, body
    return body["data"]["submitConsultationComment"]


def test_comment_accepted_while_open_stored_then_staff_notified(
    graphql,
    open_consultation,
    superuser,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = _submit(
            graphql,
            _input(
                open_consultation,
                commenterType="ENTERPRISE",
                industry="MANUFACTURING",
                enterpriseSize="SMALL",
                name="上海某精密机械有限公司",
                contact="13812345678",
            ),
        )
    assert receipt["__typename"] == "ConsultationCommentReceipt"
    assert re.fullmatch(r"YJ\d{8}[A-Z2-9]{6}", receipt["receiptNumber"])
    assert graphql.last_response["Cache-Control"] == "private, no-store"

    comment = ConsultationComment.objects.get()
    assert comment.receipt_number == receipt["receiptNumber"]
    assert (comment.commenter_type, comment.industry, comment.enterprise_size) == (
        CommenterType.ENTERPRISE,
        "C",
        "small",
    )
    assert comment.contact == "13812345678"
    assert comment.moderation_status == ModerationStatus.PENDING
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.SENT
    assert notification.recipients == ["root@example.com"]
    assert notification.reference == f"consultations.ConsultationComment:{comment.pk}"
    assert "13812345678" not in notification.body
    (mail,) = mailoutbox
    assert mail.subject == f"收到征求意见：《{open_consultation.title}》"


@pytest.mark.parametrize(
    ("offset_open", "offset_close", "reason", "message"),
    [
        (1, 40, "NOT_STARTED", "征求意见尚未开始（{open} 开始），暂不受理意见。"),
        (-40, -1, "CLOSED", "征求意见已于 {close} 截止，不再受理意见。"),
    ],
)
def test_comment_rejected_outside_the_window(
    graphql, make_consultation, offset_open, offset_close, reason, message
):
    today = timezone.localdate()
    consultation = make_consultation(
        open_date=today + offset_open * DAY, close_date=today + offset_close * DAY
    )
    result = _submit(graphql, _input(consultation))
    assert result == {
        "__typename": "ConsultationCommentRejected",
        "reason": reason,
        "message": message.format(
            open=consultation.open_date.isoformat(),
            close=consultation.close_date.isoformat(),
        ),
        "openDate": consultation.open_date.isoformat(),
        "closeDate": consultation.close_date.isoformat(),
    }
    assert ConsultationComment.objects.count() == 0


def test_first_and_last_day_are_open(graphql, make_consultation):
    today = timezone.localdate()
    first_day = make_consultation(
        "今日开始", open_date=today, close_date=today + 40 * DAY
    )
    last_day = make_consultation(
        "今日截止", open_date=today - 40 * DAY, close_date=today
    )
    for consultation in (first_day, last_day):
        result = _submit(graphql, _input(consultation))
        assert result["__typename"] == "ConsultationCommentReceipt"


def test_enterprise_needs_industry_and_size(graphql, open_consultation):
    result = _submit(graphql, _input(open_consultation, commenterType="ENTERPRISE"))
    assert result == {
        "__typename": "ValidationErrors",
        "errors": [
            {"field": "industry", "message": "企业提交意见须选择所属行业。"},
            {"field": "enterpriseSize", "message": "企业提交意见须选择企业规模。"},
        ],
    }
    assert ConsultationComment.objects.count() == 0


def test_individual_enterprise_fields_are_dropped(graphql, open_consultation):
    result = _submit(
        graphql, _input(open_consultation, industry="FINANCE", enterpriseSize="LARGE")
    )
    assert result["__typename"] == "ConsultationCommentReceipt"
    comment = ConsultationComment.objects.get()
    assert (comment.industry, comment.enterprise_size) == ("", "")


def test_size_limits_and_contact_format(graphql, open_consultation):
    result = _submit(
        graphql,
        _input(
            open_consultation,
            content="长" * 2001,
            name="名" * 101,
            contact="not-a-phone",
        ),
    )
    assert result["__typename"] == "ValidationErrors"
    errors = {error["field"]: error["message"] for error in result["errors"]}
    assert errors == {
        "contact": "联系方式请填写 11 位手机号码、带区号的固定电话或电子邮箱。",
        "content": "意见内容不能超过 2000 字，当前 2001 字。",
        "name": errors["name"],
    }
    assert "100" in errors["name"] and "101" in errors["name"]
    assert ConsultationComment.objects.count() == 0


def test_empty_content_and_unknown_consultation(graphql, open_consultation):
    assert _submit(graphql, _input(open_consultation, content="   ")) == {
        "__typename": "ValidationErrors",
        "errors": [{"field": "content", "message": "请填写意见内容。"}],
    }
    assert _submit(graphql, _input(open_consultation, consultationId="999999")) == {
        "__typename": "ValidationErrors",
        "errors": [
            {"field": "consultationId", "message": "找不到该征求意见，或其尚未发布。"}
        ],
    }


def test_draft_consultation_takes_no_comments(graphql, make_consultation):
    draft = make_consultation("未发布的征求意见", live=False)
    result = _submit(graphql, _input(draft))
    assert result["errors"] == [
        {"field": "consultationId", "message": "找不到该征求意见，或其尚未发布。"}
    ]


def test_honeypot_refuses_and_stores_nothing(graphql, open_consultation):
    result = _submit(graphql, _input(open_consultation, website="http://spam.example"))
    assert result == {
        "__typename": "ValidationErrors",
        "errors": [
            {"field": "website", "message": "提交未通过校验，请刷新页面后重试。"}
        ],
    }
    assert ConsultationComment.objects.count() == 0


def test_rate_limit_per_client(graphql, open_consultation, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"consultation_comment": (2, 3600)}
    for _ in range(2):
        assert _submit(graphql, _input(open_consultation))["__typename"] == (
            "ConsultationCommentReceipt"
        )
    body = graphql(SUBMIT, {"input": _input(open_consultation)})
    assert graphql.last_response.status_code == 200
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert ConsultationComment.objects.count() == 2
    other = _submit(graphql, _input(open_consultation), REMOTE_ADDR="10.0.0.9")
    assert other["__typename"] == "ConsultationCommentReceipt"


def test_retry_with_idempotency_key_returns_first_receipt(graphql, open_consultation):
    data = _input(open_consultation, idempotencyKey="3f1c-retry")
    first = _submit(graphql, data)
    again = _submit(graphql, data)
    assert again == first
    assert ConsultationComment.objects.count() == 1


def test_mail_failure_keeps_the_comment(
    graphql, open_consultation, superuser, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.participation.backends.FailingEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        receipt = _submit(graphql, _input(open_consultation))
    assert receipt["__typename"] == "ConsultationCommentReceipt"
    assert ConsultationComment.objects.filter(
        receipt_number=receipt["receiptNumber"]
    ).exists()
    notification = Notification.objects.get()
    # No attempt inside the request; the retry sweep tries, fails, and keeps it
    # pending for a later retry.
    assert (notification.status, notification.attempts) == (
        NotificationStatus.PENDING,
        0,
    )
    assert deliver_due() == {"sent": 0, "failed": 1}
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (
        NotificationStatus.PENDING,
        1,
    )
    assert notification.next_attempt_at is not None
    assert "SMTP server unreachable" in notification.last_error
    assert ConsultationComment.objects.filter(
        receipt_number=receipt["receiptNumber"]
    ).exists()
