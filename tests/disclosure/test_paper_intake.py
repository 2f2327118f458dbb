"""Staff register applications that arrived in person, by post or by fax (登记书面申请)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from cms.disclosure import services
from cms.disclosure.models import (
    ApplicationEvent,
    Channel,
    DisclosureApplication,
    EventKind,
    ReceiptBasis,
)
from cms.disclosure.selectors import lookup_application
from cms.participation.models import Notification

from .conftest import RESIDENT_ID, make_application, user_with

pytestmark = pytest.mark.django_db

REGISTER = "disclosure:register"


def paper_form(client, **overrides) -> dict:
    """The form as the admin serves it (with its generated key), filled in."""
    page = client.get(reverse(REGISTER))
    assert page.status_code == 200
    key = page.context["form"]["idempotency_key"].initial
    data = {
        "channel": "post",
        "received_on": "2025-09-30",
        "applicant_type": "natural_person",
        "name": "王秀英",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "021-64123456",
        "email": "",
        "address": "上海市闵行区莘庄镇莘建路1号",
        "description": "本区2024年度征地养老人员生活费调整的文件",
        "doc_number": "",
        "delivery_method": "paper",
        "idempotency_key": key,
    }
    data.update(overrides)
    return data


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_listing_offers_paper_intake_to_staff(client, clerk):
    client.force_login(clerk)
    listing = client.get(reverse("disclosure:index"))
    assert reverse(REGISTER) in listing.content.decode()
    assert "登记书面申请" in listing.content.decode()


def test_a_letter_is_registered_counted_from_its_signing_day_and_trackable(
    client, clerk, mailoutbox
):
    client.force_login(clerk)
    # Signed for on Sunday 12 October 2025: received that Sunday (条例第三十一条),
    # due on the 20th working day after it: 10-13..17, 10-20..24, 10-27..31,
    # 11-03..07.
    response = client.post(
        reverse(REGISTER), paper_form(client, received_on="2025-10-12")
    )
    application = DisclosureApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("disclosure:edit", args=[application.pk])
    assert (
        application.channel,
        application.registered_by,
        application.received_date,
        application.receipt_basis,
        application.due_date,
        application.name,
        application.phone,
    ) == (
        Channel.POST,
        clerk,
        datetime.date(2025, 10, 12),
        ReceiptBasis.SIGNED_FOR,
        datetime.date(2025, 11, 7),
        "王秀英",
        "021-64123456",
    )
    assert re.fullmatch(r"YSQ-2025-\d{6}", application.tracking_number)

    event = ApplicationEvent.objects.get(application=application)
    assert (event.kind, event.user, event.on_date) == (
        EventKind.RECEIVED,
        clerk,
        datetime.date(2025, 10, 12),
    )
    assert event.message == (
        "书面申请（邮寄），由工作人员登记；以签收之日 2025-10-12 为收到申请之日"
        "（条例第三十一条）。"
    )

    # The staff member hands the applicant the number and the query code.
    (message,) = _messages(response)
    code = re.search(r"查询码 ([0-9A-Z]{10})", message).group(1)
    assert application.tracking_number in message
    assert (
        lookup_application(tracking_number=application.tracking_number, query_code=code)
        == application
    )
    # The one who registered it gets no e-mail about it.
    assert not Notification.objects.exists() and mailoutbox == []

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "邮寄（clerk 登记）" in html
    assert '<dd data-field="received_date">2025-10-12（签收之日）</dd>' in html
    assert 'data-step="confirm_receipt"' not in html
    assert 'data-step="accept"' in html


def test_an_ordinary_letter_is_received_on_the_day_it_is_confirmed(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse(REGISTER),
        paper_form(client, received_on="2025-01-01", ordinary_letter="on"),
    )
    assert response.status_code == 302
    application = DisclosureApplication.objects.get()
    # 20 working days after 元旦 2025: 01-02, 01-03, 01-06..10, 01-13..17,
    # 01-20..24, 01-26 (调休), 01-27, then 02-05 after 春节.
    assert (
        application.received_date,
        application.receipt_basis,
        application.due_date,
    ) == (datetime.date(2025, 1, 1), ReceiptBasis.CONFIRMED, datetime.date(2025, 2, 5))


def test_an_ordinary_letter_must_come_by_post(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse(REGISTER),
        paper_form(client, channel="fax", ordinary_letter="on"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "ordinary_letter": ["只有邮寄的申请才有平常信函（无需签收）的情形。"]
    }
    assert not DisclosureApplication.objects.exists()


def test_a_paper_application_keeps_the_same_clock_as_an_online_one(client, clerk):
    client.force_login(clerk)
    # Saturday 11 October 2025 is a 调休 working day: it counts as it is.
    client.post(
        reverse(REGISTER),
        paper_form(client, channel="in_person", received_on="2025-10-11"),
    )
    paper = DisclosureApplication.objects.get(channel=Channel.IN_PERSON)
    online = make_application(
        received_at=timezone.make_aware(datetime.datetime(2025, 10, 11, 10))
    ).application
    assert paper.received_date == online.received_date == datetime.date(2025, 10, 11)
    assert paper.due_date == online.due_date
    assert online.channel == Channel.ONLINE and online.registered_by is None


def test_a_saturday_letter_and_a_saturday_online_submission_differ(client, clerk):
    client.force_login(clerk)
    # A letter signed for on Saturday 2025-11-15 was received that Saturday: 20
    # working days after it are 11-17..21, 11-24..28, 12-01..05, 12-08..12.
    client.post(reverse(REGISTER), paper_form(client, received_on="2025-11-15"))
    letter = DisclosureApplication.objects.get(channel=Channel.POST)
    assert (letter.received_date, letter.due_date) == (
        datetime.date(2025, 11, 15),
        datetime.date(2025, 12, 12),
    )
    # Submitted online the same Saturday, it is confirmed on Monday 11-17, and is
    # due 20 working days after that: 11-18..21, 11-24..28, 12-01..05, 12-08..12,
    # 12-15.
    online = make_application(
        received_at=timezone.make_aware(datetime.datetime(2025, 11, 15, 10))
    ).application
    assert online.received_date is None
    services.confirm_pending_receipts(on=datetime.date(2025, 11, 17))
    online.refresh_from_db()
    assert (online.received_date, online.due_date) == (
        datetime.date(2025, 11, 17),
        datetime.date(2025, 12, 15),
    )


def test_submitting_the_form_twice_registers_it_once(client, clerk):
    client.force_login(clerk)
    data = paper_form(client)
    client.post(reverse(REGISTER), data)
    again = client.post(reverse(REGISTER), data)
    assert DisclosureApplication.objects.count() == 1
    assert again.status_code == 302
    # The browser may show only this second answer: it repeats the query code.
    message = _messages(again)[-1]
    code = re.search(r"查询码为 ([0-9A-Z]{10})", message).group(1)
    application = DisclosureApplication.objects.get()
    assert "已经登记过" in message and application.tracking_number in message
    assert lookup_application(
        tracking_number=application.tracking_number, query_code=code
    )


def test_bad_input_gets_field_errors_and_stores_nothing(client, clerk):
    client.force_login(clerk)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse(REGISTER),
        paper_form(
            client,
            received_on=tomorrow.isoformat(),
            id_number="110105194912310021",
            address="",
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["received_on"] == ["收到申请之日不能晚于今天。"]
    assert "居民身份证号码不正确" in errors["id_number"][0]
    assert errors["address"] == ["选择以纸质方式获取信息时，请填写通信地址。"]
    assert not DisclosureApplication.objects.exists()

    before_law = client.post(
        reverse(REGISTER), paper_form(client, received_on="2019-05-14")
    )
    assert before_law.context["form"].errors["received_on"] == [
        "收到申请之日不能早于 2019 年 5 月 15 日（现行条例施行之日）。"
    ]
    online = client.post(reverse(REGISTER), paper_form(client, channel="online"))
    assert "channel" in online.context["form"].errors
    assert not DisclosureApplication.objects.exists()


def test_only_disclosure_staff_may_register(client, django_user_model):
    editor = user_with(django_user_model, "editor")
    client.force_login(editor)
    # Wagtail answers a refused admin view with a redirect to the dashboard.
    for response in (
        client.get(reverse(REGISTER)),
        client.post(reverse(REGISTER), {"channel": "post"}),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not DisclosureApplication.objects.exists()
    listing = client.get(reverse("disclosure:index"))
    assert reverse(REGISTER) not in listing.content.decode()
