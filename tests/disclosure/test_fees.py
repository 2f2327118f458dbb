"""信息处理费: the schedule of 国办函〔2020〕109号, the fee notice, payment, and the
reply 「逾期未按收费通知要求缴纳费用」."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.disclosure import services
from cms.disclosure.fees import fee_by_item, fee_by_volume, item_rate
from cms.disclosure.models import DisclosureApplication, EventKind, ProcessingFee
from cms.participation.models import Notification

from .conftest import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def accepted(clerk, **fields) -> DisclosureApplication:
    application = make_application(**fields).application
    return services.accept_application(
        application=application, user=clerk, on=date(2025, 10, 9)
    )


def test_the_schedule_of_the_measures():
    # 第四条: 1-10 free, 11-30 100 元, then +100 元 per band of ten.
    assert [item_rate(n) for n in (1, 10, 11, 30, 31, 40, 41, 50, 51)] == [
        0,
        0,
        100,
        100,
        200,
        200,
        300,
        300,
        400,
    ]
    assert fee_by_item(prior_items=0, items=10) == Decimal(0)
    assert fee_by_item(prior_items=0, items=11) == Decimal(100)
    assert fee_by_item(prior_items=25, items=10) == Decimal(5 * 100 + 5 * 200)
    assert fee_by_item(prior_items=38, items=5) == Decimal(2 * 200 + 3 * 300)
    # 第五条: 1-30 pages free, 31-100 10 元, 101-200 20 元, from 201 40 元.
    assert [fee_by_volume(p) for p in (30, 31, 100, 101, 150, 200, 250)] == [
        Decimal(v) for v in (0, 10, 700, 720, 1700, 2700, 4700)
    ]


def test_a_fee_notice_is_computed_recorded_and_sent(
    clerk, django_capture_on_commit_callbacks
):
    application = accepted(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        fee = services.issue_fee_notice(
            application=application,
            user=clerk,
            method="by_item",
            prior_items=12,
            quantity=3,
            on=date(2025, 10, 9),
        )
    # 20 working days after 9 October 2025: 11 October (Saturday) is a 调休 working day.
    assert (fee.amount, fee.notice_on, fee.pay_by, fee.paid_on) == (
        Decimal("300.00"),
        date(2025, 10, 9),
        date(2025, 11, 5),
        None,
    )
    event = application.events.get(kind=EventKind.FEE_NOTICE)
    assert event.message == (
        "按件计收，本自然月此前已申请 12 件，本申请计 3 件，收费 300 元，"
        "缴费截止日 2025-11-05。"
    )
    notification = Notification.objects.get(kind="disclosure.fee_notice")
    assert notification.recipients == ["lihua@example.com"]
    assert "收费金额：300 元" in notification.body
    assert "（至 2025-11-05）" in notification.body
    with pytest.raises(ValidationError, match="本申请已发出过收费通知"):
        services.issue_fee_notice(
            application=application,
            user=clerk,
            method="by_item",
            prior_items=12,
            quantity=3,
            on=date(2025, 10, 9),
        )


def test_fee_notices_that_the_measures_do_not_allow_are_refused(clerk):
    online = accepted(clerk, delivery_method="online")
    with pytest.raises(ValidationError) as excinfo:
        services.issue_fee_notice(
            application=online,
            user=clerk,
            method="by_volume",
            quantity=120,
            on=date(2025, 10, 9),
        )
    assert list(excinfo.value.message_dict) == ["method"]
    with pytest.raises(ValidationError) as excinfo:
        services.issue_fee_notice(
            application=online,
            user=clerk,
            method="by_item",
            prior_items=3,
            quantity=7,
            on=date(2025, 10, 9),
        )
    assert list(excinfo.value.message_dict) == ["quantity"]
    assert not ProcessingFee.objects.exists()


def fee_unpaid_reply(clerk, lawyer, application, on):
    services.draft_reply(
        application=application,
        user=clerk,
        reply_type="other",
        reply_reason="fee_unpaid",
        reply_text="如仍需获取该信息，您可以重新提出申请。",
    )
    services.submit_for_legal_review(application=application, user=clerk)
    services.legal_review(application=application, user=lawyer, approve=True)
    return services.reply_application(application=application, user=clerk, on=on)


def test_an_unpaid_fee_ends_the_application_only_after_the_period(clerk, lawyer):
    application = accepted(clerk)
    services.issue_fee_notice(
        application=application,
        user=clerk,
        method="by_volume",
        quantity=150,
        on=date(2025, 10, 9),
    )
    with pytest.raises(ValidationError) as excinfo:
        fee_unpaid_reply(clerk, lawyer, application, on=date(2025, 11, 5))
    assert excinfo.value.message_dict == {
        "reply_reason": ["缴费期限至 2025-11-05 届满，届满前不能以逾期未缴费答复。"]
    }
    assert DisclosureApplication.objects.get(pk=application.pk).replied_on is None
    outcome = services.reply_application(
        application=application, user=clerk, on=date(2025, 11, 6)
    )
    assert (
        "本机关已于2025年10月9日向您发出收取信息处理费的通知（收费金额1700元，"
        "缴费截止日2025年11月5日），您逾期未按通知要求缴纳费用。"
    ) in outcome.notice.body


def test_a_paid_fee_is_recorded_and_forbids_the_unpaid_reply(clerk):
    application = accepted(clerk)
    services.issue_fee_notice(
        application=application,
        user=clerk,
        method="by_item",
        prior_items=30,
        quantity=1,
        on=date(2025, 10, 9),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.record_fee_payment(
            application=application, user=clerk, on=date(2025, 11, 6)
        )
    assert list(excinfo.value.message_dict) == ["on"]
    fee = services.record_fee_payment(
        application=application, user=clerk, on=date(2025, 10, 20)
    )
    assert (fee.amount, fee.paid_on) == (Decimal("200.00"), date(2025, 10, 20))
    assert application.events.filter(kind=EventKind.FEE_PAID).count() == 1
    with pytest.raises(ValidationError) as excinfo:
        services.draft_reply(
            application=application,
            user=clerk,
            reply_type="other",
            reply_reason="fee_unpaid",
            reply_text="x",
        )
    assert excinfo.value.message_dict == {
        "reply_reason": ["申请人已缴纳信息处理费，不能以逾期未缴费答复。"]
    }


def test_the_fee_steps_in_the_admin(client, clerk):
    application = accepted(clerk)
    url = reverse("disclosure:edit", args=[application.pk])
    client.force_login(clerk)
    html = client.get(url).content.decode()
    assert 'data-step="fee_notice"' in html
    assert 'data-step="fee_paid"' not in html
    response = client.post(
        url,
        {
            "step": "fee_notice",
            "fee_notice-on": "2025-10-09",
            "fee_notice-method": "by_item",
            "fee_notice-prior_items": "0",
            "fee_notice-quantity": "5",
        },
    )
    assert response.status_code == 200
    form = next(
        s["form"] for s in response.context["steps"] if s["name"] == "fee_notice"
    )
    assert form.errors == {
        "quantity": [
            "按收费标准计算，本申请不需收费（按件计收：同一申请人一个自然月内累计 10 件"
            "以下不收费；按量计收：30 页以下不收费）。"
        ]
    }
    response = client.post(
        url,
        {
            "step": "fee_notice",
            "fee_notice-on": "2025-10-09",
            "fee_notice-method": "by_item",
            "fee_notice-prior_items": "9",
            "fee_notice-quantity": "5",
        },
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "已发出收费通知并告知申请人。"
    ]
    html = response.content.decode()
    assert (
        "按件计收 5 件（本自然月此前已申请 9 件），400.00 元；2025-10-09 发出收费通知，"
        "缴费截止 2025-11-05；尚未缴费"
    ) in html
    assert 'data-step="fee_notice"' not in html
    assert 'data-step="fee_paid"' in html
    response = client.post(
        url, {"step": "fee_paid", "fee_paid-on": "2025-10-15"}, follow=True
    )
    assert "2025-10-15 已缴费" in response.content.decode()
    assert ProcessingFee.objects.get().paid_on == date(2025, 10, 15)
