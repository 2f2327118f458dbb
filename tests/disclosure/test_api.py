"""The public side of 依申请公开 through the real GraphQL endpoint."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from cms.disclosure.models import DisclosureApplication, Status
from cms.disclosure.services import (
    accept_application,
    confirm_pending_receipts,
    draft_reply,
    legal_review,
    reply_application,
    submit_for_legal_review,
)
from cms.participation.models import Notification, NotificationStatus
from cms.participation.notifications import deliver_due
from cms.workdays import calendar

from .conftest import CREDIT_CODE, LOOKUP, make_application

pytestmark = pytest.mark.django_db

PERSONAL = (
    "张晓明",
    "11010519491231002X",
    "13812345678",
    "zhang@example.com",
    "中山路",
)


def expected_dates() -> dict:
    """What the receipt says for an application submitted now (any day the suite
    runs): acknowledged at once on a working day, else on the next working day."""
    today = timezone.localdate()
    if not calendar.is_working_day(today):
        return {
            "receivedDate": None,
            "receiptConfirmed": False,
            "expectedConfirmationDate": calendar.next_working_day(today).isoformat(),
            "dueDate": None,
            "dueDateProvisional": False,
        }
    due = calendar.add_working_days(today, 20)
    return {
        "receivedDate": today.isoformat(),
        "receiptConfirmed": True,
        "expectedConfirmationDate": None,
        "dueDate": due.date.isoformat(),
        "dueDateProvisional": due.provisional,
    }


def test_submit_stores_the_application_and_answers_a_receipt(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        body = submit()
    receipt = body["data"]["submitDisclosureApplication"]
    application = DisclosureApplication.objects.get()
    assert receipt == {
        "__typename": "DisclosureApplicationReceipt",
        "trackingNumber": f"YSQ-{timezone.localdate().year}-000001",
        "queryCode": receipt["queryCode"],
        **expected_dates(),
    }
    assert len(receipt["queryCode"]) == 10
    assert receipt["queryCode"] not in str(
        DisclosureApplication.objects.values().get()
    ), "the query code is never stored"
    assert (application.status, application.name) == (Status.RECEIVED, "张晓明")
    assert submit.last_response["Cache-Control"] == "private, no-store"
    # Staff are told, and the mail carries no personal data.
    notification = Notification.objects.get(kind="disclosure.application")
    assert notification.status == NotificationStatus.SENT
    assert (
        notification.reference == f"disclosure.DisclosureApplication:{application.pk}"
    )
    assert not any(value in notification.body for value in PERSONAL)


def test_tracking_numbers_count_up(submit):
    first = submit()["data"]["submitDisclosureApplication"]["trackingNumber"]
    second = submit()["data"]["submitDisclosureApplication"]["trackingNumber"]
    year = timezone.localdate().year
    assert (first, second) == (f"YSQ-{year}-000001", f"YSQ-{year}-000002")


def test_a_retry_with_the_same_key_returns_the_first_receipt(submit):
    first = submit(idempotencyKey="retry-key-0001")["data"]
    again = submit(idempotencyKey="retry-key-0001")["data"]
    assert again == first
    assert DisclosureApplication.objects.count() == 1


def test_a_key_reused_for_another_applicant_is_refused(submit):
    submit(idempotencyKey="retry-key-0002")
    body = submit(
        idempotencyKey="retry-key-0002",
        idNumber="320102198503121234",
    )
    assert body["data"]["submitDisclosureApplication"] == {
        "__typename": "ValidationErrors",
        "errors": [
            {
                "field": "idempotencyKey",
                "message": "该幂等键已用于另一份申请，请为新的申请生成新的幂等键。",
            }
        ],
    }
    assert DisclosureApplication.objects.count() == 1


def test_an_organization_applies_with_its_credit_code(submit):
    body = submit(
        applicantType="LEGAL_SERVICE_ORGANIZATION",
        name="南京某某律师事务所",
        idType="UNIFIED_SOCIAL_CREDIT_CODE",
        idNumber=CREDIT_CODE.lower(),
        deliveryMethod="PAPER",
        email=None,
    )
    assert body["data"]["submitDisclosureApplication"]["__typename"] == (
        "DisclosureApplicationReceipt"
    )
    application = DisclosureApplication.objects.get()
    assert (application.id_number, application.applicant_type) == (
        CREDIT_CODE,
        "legal_service_organization",
    )


def errors_of(body: dict) -> list[dict]:
    result = body["data"]["submitDisclosureApplication"]
    assert result["__typename"] == "ValidationErrors"
    return result["errors"]


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"idNumber": "110105194912310021"},
            [
                {
                    "field": "idNumber",
                    "message": "居民身份证号码不正确：应为 18 位，出生日期有效且校验位正确。",
                }
            ],
        ),
        (
            {
                "applicantType": "COMMERCIAL_ENTERPRISE",
                "idType": "UNIFIED_SOCIAL_CREDIT_CODE",
                "idNumber": "91320102MA1X7Y1237",
            },
            [
                {
                    "field": "idNumber",
                    "message": "统一社会信用代码格式或校验位不正确（应为 18 位）。",
                }
            ],
        ),
        (
            {"applicantType": "RESEARCH_INSTITUTION"},
            [{"field": "idType", "message": "法人或其他组织应填写统一社会信用代码。"}],
        ),
        (
            {"idType": "UNIFIED_SOCIAL_CREDIT_CODE", "idNumber": CREDIT_CODE},
            [
                {
                    "field": "idType",
                    "message": "自然人应填写本人身份证件，而非统一社会信用代码。",
                }
            ],
        ),
        (
            {"idType": "PASSPORT", "idNumber": "E12-345"},
            [
                {
                    "field": "idNumber",
                    "message": "护照号码格式不正确：应为 5 至 17 位字母或数字。",
                }
            ],
        ),
        (
            {"idType": "HK_MACAO_PERMIT", "idNumber": "X12345678"},
            [
                {
                    "field": "idNumber",
                    "message": "港澳居民来往内地通行证号码格式不正确："
                    "应为 H 或 M 开头加 8 位或 10 位数字。",
                }
            ],
        ),
        (
            {"phone": "12345"},
            [
                {
                    "field": "phone",
                    "message": "电话号码不正确：请填写 11 位手机号码或带区号的固定电话。",
                }
            ],
        ),
        (
            {"email": None},
            [
                {
                    "field": "email",
                    "message": "选择以电子邮件获取信息时，请填写电子邮箱。",
                }
            ],
        ),
        (
            {"email": "not-an-address"},
            [{"field": "email", "message": "输入一个有效的 Email 地址。"}],
        ),
        (
            {"deliveryMethod": "PAPER", "address": "  "},
            [
                {
                    "field": "address",
                    "message": "选择以纸质方式获取信息时，请填写通信地址。",
                }
            ],
        ),
        (
            {"name": "", "description": "x" * 2001},
            [
                {"field": "name", "message": "必需字段"},
                {
                    "field": "description",
                    "message": "确保该变量包含不超过 2000 字符 (目前字符数 2001)。",
                },
            ],
        ),
        (
            {"idempotencyKey": "short"},
            [
                {
                    "field": "idempotencyKey",
                    "message": "确保该变量至少包含 8 字符(目前字符数 5)。",
                }
            ],
        ),
    ],
)
def test_every_rule_answers_a_chinese_message_for_its_field(submit, overrides, errors):
    assert errors_of(submit(**overrides)) == errors
    assert not DisclosureApplication.objects.exists()


@pytest.mark.parametrize(
    ("id_type", "id_number"),
    [
        ("PASSPORT", "E12345678"),
        ("HK_MACAO_PERMIT", "H12345678"),
        ("TAIWAN_PERMIT", "12345678"),
        ("FOREIGN_PERMANENT_RESIDENT_ID", "USA110085030602"),
    ],
)
def test_other_documents_pass_their_format_check(submit, id_type, id_number):
    body = submit(idType=id_type, idNumber=id_number)
    assert body["data"]["submitDisclosureApplication"]["__typename"] == (
        "DisclosureApplicationReceipt"
    )


def test_the_honeypot_refuses_without_storing(submit):
    assert errors_of(submit(website="http://spam.example")) == [
        {"field": "website", "message": "提交未通过校验，请刷新页面后重试。"}
    ]
    assert not DisclosureApplication.objects.exists()


def test_rate_limit_answers_a_clear_error_not_a_500(submit, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"disclosure": (2, 3600)}
    submit()
    submit()
    body = submit()
    assert submit.last_response.status_code == 200
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["message"].startswith("提交过于频繁，请 ")
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert DisclosureApplication.objects.count() == 2


def test_a_failing_mail_server_neither_loses_nor_rolls_back_the_application(
    submit, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.participation.backends.FailingEmailBackend"
    settings.PARTICIPATION_STAFF_EMAILS = ["office@example.com"]
    with django_capture_on_commit_callbacks(execute=True):
        body = submit()
    assert body["data"]["submitDisclosureApplication"]["__typename"] == (
        "DisclosureApplicationReceipt"
    )
    assert DisclosureApplication.objects.count() == 1
    notification = Notification.objects.get(kind="disclosure.application")
    assert (notification.status, notification.attempts) == ("pending", 0)
    # The retry sweep meets the failing server outside the request; the failure is
    # recorded and left to the outbox's retries (their policy is not ours).
    assert deliver_due()["failed"] == 1
    notification.refresh_from_db()
    assert DisclosureApplication.objects.count() == 1
    assert notification.status != NotificationStatus.SENT
    assert notification.attempts >= 1
    assert notification.last_error == "ConnectionRefusedError: SMTP server unreachable"


# --- following the application --------------------------------------------------


def lookup(post_graphql, tracking_number: str, query_code: str) -> dict:
    return post_graphql(
        LOOKUP, {"trackingNumber": tracking_number, "queryCode": query_code}
    )


def test_the_applicant_follows_the_application(post_graphql, submit):
    receipt = submit()["data"]["submitDisclosureApplication"]
    body = lookup(post_graphql, receipt["trackingNumber"], receipt["queryCode"].lower())
    assert body == {
        "data": {
            "disclosureApplication": {
                "trackingNumber": receipt["trackingNumber"],
                "status": "RECEIVED",
                "receivedDate": receipt["receivedDate"],
                "receiptConfirmed": receipt["receiptConfirmed"],
                "expectedConfirmationDate": receipt["expectedConfirmationDate"],
                "dueDate": receipt["dueDate"],
                "dueDateProvisional": receipt["dueDateProvisional"],
                "extended": False,
                "reply": None,
            }
        }
    }
    assert post_graphql.last_response["Cache-Control"] == "private, no-store"
    assert not any(value in str(body) for value in PERSONAL)


def test_a_holiday_submission_shows_when_it_will_be_confirmed(post_graphql):
    receipt = make_application(
        received_at=timezone.make_aware(datetime.datetime(2025, 10, 4, 9, 30))
    )
    number, code = receipt.application.tracking_number, receipt.query_code
    progress = lookup(post_graphql, number, code)["data"]["disclosureApplication"]
    assert {key: progress[key] for key in DATES} == {
        "receivedDate": None,
        "receiptConfirmed": False,
        "expectedConfirmationDate": "2025-10-09",
        "dueDate": None,
        "dueDateProvisional": False,
    }
    confirm_pending_receipts(on=datetime.date(2025, 10, 9))
    progress = lookup(post_graphql, number, code)["data"]["disclosureApplication"]
    # 20 working days after 10-09: 10-10, 10-11 (调休), ..., 11-03, 11-04, 11-05.
    assert {key: progress[key] for key in DATES} == {
        "receivedDate": "2025-10-09",
        "receiptConfirmed": True,
        "expectedConfirmationDate": None,
        "dueDate": "2025-11-05",
        "dueDateProvisional": False,
    }


def test_a_due_date_in_an_estimated_year_is_marked_provisional(post_graphql):
    # 2026-12-10: 15 working days left in 2026, then 2027-01-04..08 (元旦 off).
    receipt = make_application(
        received_at=timezone.make_aware(datetime.datetime(2026, 12, 10, 9))
    )
    progress = lookup(
        post_graphql, receipt.application.tracking_number, receipt.query_code
    )["data"]["disclosureApplication"]
    assert (progress["dueDate"], progress["dueDateProvisional"]) == (
        "2027-01-08",
        True,
    )


DATES = (
    "receivedDate",
    "receiptConfirmed",
    "expectedConfirmationDate",
    "dueDate",
    "dueDateProvisional",
)


def test_a_wrong_code_or_number_answers_null(post_graphql, submit):
    receipt = submit()["data"]["submitDisclosureApplication"]
    wrong = lookup(post_graphql, receipt["trackingNumber"], "ABCDEFGHJK")
    unknown = lookup(post_graphql, "YSQ-2020-999999", receipt["queryCode"])
    assert wrong == unknown == {"data": {"disclosureApplication": None}}
    assert post_graphql.last_response["Cache-Control"] == "private, no-store"


def test_lookups_are_rate_limited(post_graphql, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"disclosure_lookup": (3, 3600)}
    for _ in range(3):
        assert lookup(post_graphql, "YSQ-2025-000001", "X")["data"] == {
            "disclosureApplication": None
        }
    body = lookup(post_graphql, "YSQ-2025-000001", "X")
    assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


def test_the_reply_is_shown_once_sent(post_graphql, head, lawyer):
    receipt = make_application()
    application = accept_application(application=receipt.application, user=head)
    draft_reply(
        application=application,
        user=head,
        reply_type="withhold",
        reply_reason="third_party",
        reply_ground="third_party_harm",
        reply_text="经审查，您申请的信息涉及第三方商业秘密，决定不予公开。",
    )
    submit_for_legal_review(application=application, user=head)
    legal_review(application=application, user=lawyer, approve=True)
    reply_application(
        application=application, user=head, on=datetime.date(2025, 10, 20)
    )
    body = lookup(post_graphql, application.tracking_number, receipt.query_code)
    progress = body["data"]["disclosureApplication"]
    assert progress["status"] == "REPLIED"
    assert progress["reply"]["type"] == "WITHHOLD"
    assert progress["reply"]["replyDate"] == "2025-10-20"
    notice = progress["reply"]["noticeText"]
    assert "不予公开" in notice
    assert application.tracking_number in notice
    assert "李*：" in notice, "the name is masked"
    assert not any(
        value in str(body)
        for value in ("李华", "11010519491231002X", "13912345678", "lihua@example.com")
    )
    assert (progress["receivedDate"], progress["dueDate"]) == (
        "2025-09-30",
        "2025-11-04",
    )


def test_a_lookup_over_get_is_never_cached(client, submit):
    receipt = submit()["data"]["submitDisclosureApplication"]
    variables = {
        "trackingNumber": receipt["trackingNumber"],
        "queryCode": receipt["queryCode"],
    }
    params = {"query": LOOKUP, "variables": json.dumps(variables)}
    for _ in range(2):
        response = client.get("/graphql/", params)
        body = response.json()
        assert body["data"]["disclosureApplication"]["status"] == "RECEIVED"
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response
