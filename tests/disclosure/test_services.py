"""Processing rules: the steps, who may take them, and how they move the clock."""

from __future__ import annotations

import datetime
import itertools
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.disclosure import services
from cms.disclosure.models import (
    ApplicationEvent,
    DisclosureApplication,
    EventKind,
    ReceiptBasis,
    Status,
)
from cms.disclosure.reply_types import ReplyGround, ReplyReason, ReplyType
from cms.participation.models import Notification
from tests.factories.records import CalendarOverrideFactory

from .conftest import RESIDENT_ID, make_application

pytestmark = pytest.mark.django_db


def refresh(application) -> DisclosureApplication:
    return DisclosureApplication.objects.get(pk=application.pk)


def accepted(clerk, **overrides) -> DisclosureApplication:
    application = make_application(**overrides).application
    return services.accept_application(application=application, user=clerk)


def kinds(application) -> list[str]:
    return list(
        ApplicationEvent.objects.filter(application=application).values_list(
            "kind", flat=True
        )
    )


def message_of(excinfo) -> str:
    return excinfo.value.messages[0]


def paper_data(**overrides) -> dict:
    data = {
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
        "idempotency_key": f"paper-key-{next(_paper_keys):04d}",
    }
    data.update(overrides)
    return data


_paper_keys = itertools.count(1)


def test_online_on_a_working_day_is_acknowledged_at_once():
    # Tuesday 2025-09-30, late in the evening: still that working day.
    receipt = make_application(
        received_at=timezone.make_aware(datetime.datetime(2025, 9, 30, 23, 40))
    )
    application = receipt.application
    assert (
        application.received_date,
        application.receipt_basis,
        application.receipt_confirmed_at,
        application.receipt_confirmed_by,
        application.due_date,
    ) == (
        date(2025, 9, 30),
        ReceiptBasis.CONFIRMED,
        timezone.make_aware(datetime.datetime(2025, 9, 30, 23, 40)),
        None,
        date(2025, 11, 4),
    )
    assert [(e.kind, e.on_date, e.message) for e in application.events.all()] == [
        (EventKind.RECEIVED, date(2025, 9, 30), ""),
        (
            EventKind.RECEIPT_CONFIRMED,
            date(2025, 9, 30),
            "网上申请，系统于工作日自动确认收到，以确认之日 2025-09-30 为收到申请之日"
            "（条例第三十一条第（三）项）。",
        ),
    ]


def test_online_on_a_holiday_waits_for_the_acknowledgement_on_the_next_working_day(
    clerk, mailoutbox, django_capture_on_commit_callbacks
):
    receipt = make_application(
        received_at=timezone.make_aware(datetime.datetime(2025, 10, 4, 9, 30))
    )
    application = receipt.application
    assert (
        application.received_date,
        application.due_date,
        application.clock_stopped,
        application.awaiting_receipt,
    ) == (None, None, False, True)
    assert application.tracking_number == "YSQ-2025-000001"
    event = application.events.get()
    assert (event.kind, event.on_date, event.message) == (
        EventKind.RECEIVED,
        date(2025, 10, 4),
        "非工作日网上提交，将于 2025-10-09（其后第一个工作日）确认收到，"
        "答复期限自确认之日的次日起计算。",
    )
    # Nothing can be done before the receipt is confirmed.
    with pytest.raises(ValidationError) as excinfo:
        services.accept_application(application=application, user=clerk)
    assert message_of(excinfo) == (
        "网上申请尚未确认收到，不能受理：请先确认收到申请"
        "（条例第三十一条，确认之日为收到申请之日）。"
    )
    # The acknowledgement does nothing on a day off (10-08 is still 国庆)...
    assert services.confirm_pending_receipts(on=date(2025, 10, 8)) == 0
    assert refresh(application).received_date is None
    # ...and confirms on the first working day, 10-09: due on its 20th working day
    # after: 10-10, 10-11 (调休), 10-13..17, 10-20..24, 10-27..31 (17), 11-03..05.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.confirm_pending_receipts(on=date(2025, 10, 9)) == 1
    application = refresh(application)
    assert (
        application.received_date,
        application.receipt_basis,
        application.receipt_confirmed_by,
        application.due_date,
        application.due_date_provisional,
    ) == (date(2025, 10, 9), ReceiptBasis.CONFIRMED, None, date(2025, 11, 5), False)
    assert kinds(application) == [
        EventKind.RECEIVED,
        EventKind.RECEIPT_CONFIRMED,
        EventKind.APPLICANT_NOTIFIED,
    ]
    (mail,) = [m for m in mailoutbox if m.to == ["lihua@example.com"]]
    assert mail.subject == f"政府信息公开申请 {application.tracking_number} 已确认收到"
    assert "收到申请之日 2025-10-09，答复期限 2025-11-05" in mail.body
    # Run again: nothing left to confirm.
    assert services.confirm_pending_receipts(on=date(2025, 10, 10)) == 0
    services.accept_application(application=application, user=clerk)


def test_staff_may_confirm_an_online_receipt_before_the_automatic_one(clerk):
    application = make_application(
        received_at=timezone.make_aware(datetime.datetime(2025, 10, 4, 9, 30))
    ).application
    with pytest.raises(ValidationError) as excinfo:
        services.confirm_receipt(
            application=application, user=clerk, on=date(2025, 10, 3)
        )
    assert excinfo.value.message_dict == {
        "on": ["确认收到日期不能早于申请提交之日（2025-10-04）。"]
    }
    # The office works on Sunday 10-05 and confirms: that Sunday is the receipt
    # date. 20 working days after it: 10-09, 10-10, 10-11, 10-13..17, 10-20..24,
    # 10-27..31 (18), 11-03, 11-04.
    application = services.confirm_receipt(
        application=application, user=clerk, on=date(2025, 10, 5)
    )
    assert (
        application.received_date,
        application.receipt_confirmed_by,
        application.due_date,
    ) == (date(2025, 10, 5), clerk, date(2025, 11, 4))
    assert application.events.get(kind=EventKind.RECEIPT_CONFIRMED).message == (
        "网上申请，工作人员确认收到，以确认之日 2025-10-05 为收到申请之日"
        "（条例第三十一条第（三）项）。"
    )
    with pytest.raises(ValidationError) as excinfo:
        services.confirm_receipt(
            application=application, user=clerk, on=date(2025, 10, 9)
        )
    assert message_of(excinfo) == "本申请已于 2025-10-05 确认收到。"
    assert services.confirm_pending_receipts(on=date(2025, 10, 9)) == 0


def test_a_paper_application_needs_no_confirmation(clerk):
    paper = services.register_paper_application(
        data=paper_data(), channel="post", received_on=date(2025, 1, 1), user=clerk
    ).application
    with pytest.raises(ValidationError) as excinfo:
        services.confirm_receipt(application=paper, user=clerk)
    assert message_of(excinfo) == (
        "只有网上申请需要确认收到；书面申请在登记时已确定收到之日。"
    )


@pytest.mark.parametrize(
    ("channel", "ordinary_letter", "basis"),
    [
        ("post", False, ReceiptBasis.SIGNED_FOR),
        ("post", True, ReceiptBasis.CONFIRMED),
        ("in_person", False, ReceiptBasis.HANDED_IN),
        ("fax", False, ReceiptBasis.CONFIRMED),
    ],
)
def test_a_letter_signed_for_on_new_years_day_2025_is_due_on_5_february(
    clerk, channel, ordinary_letter, basis
):
    # The day itself (条例第三十一条), 20 working days after it: 01-02, 01-03,
    # 01-06..10, 01-13..17, 01-20..24 (17), 01-26 (调休), 01-27, 02-05.
    application = services.register_paper_application(
        data=paper_data(),
        channel=channel,
        received_on=date(2025, 1, 1),
        ordinary_letter=ordinary_letter,
        user=clerk,
    ).application
    assert (
        application.received_date,
        application.receipt_basis,
        application.due_date,
    ) == (date(2025, 1, 1), basis, date(2025, 2, 5))
    # 补正 by the 7th working day after it: 01-02, 01-03, 01-06..10.
    with pytest.raises(ValidationError) as excinfo:
        services.request_correction(
            application=application, user=clerk, text="补正", on=date(2025, 1, 13)
        )
    assert message_of(excinfo) == (
        "补正通知应在收到申请之日起 7 个工作日内发出（最迟 2025-01-10）。"
    )
    services.request_correction(
        application=application, user=clerk, text="补正", on=date(2025, 1, 10)
    )


def test_only_a_letter_can_be_an_ordinary_letter(clerk):
    with pytest.raises(ValidationError) as excinfo:
        services.register_paper_application(
            data=paper_data(),
            channel="fax",
            received_on=date(2025, 1, 1),
            ordinary_letter=True,
            user=clerk,
        )
    assert excinfo.value.message_dict == {
        "ordinary_letter": ["只有邮寄的申请才有平常信函（无需签收）的情形。"]
    }
    assert not DisclosureApplication.objects.exists()


def test_received_in_december_2026_is_due_provisionally_in_2027():
    application = make_application(
        received_at=timezone.make_aware(datetime.datetime(2026, 12, 10, 9))
    ).application
    assert (application.due_date, application.due_date_provisional) == (
        date(2027, 1, 8),
        True,
    )


# --- 补正 ----------------------------------------------------------------------------


def test_correction_stops_the_clock_and_restarts_it_in_full(clerk):
    application = accepted(clerk)
    application = services.request_correction(
        application=application,
        user=clerk,
        text="请明确所需信息的年度。",
        on=date(2025, 10, 10),
    )
    assert (application.status, application.due_date, application.clock_stopped) == (
        Status.CORRECTION,
        None,
        True,
    )
    # Received on Saturday 10-18: that day, not moved; 20 working days after it:
    # 10-20..24, 10-27..31, 11-03..07, 11-10..14.
    application = services.receive_correction(
        application=application, user=clerk, on=date(2025, 10, 18)
    )
    assert (application.status, application.due_date, application.clock_stopped) == (
        Status.ACCEPTED,
        date(2025, 11, 14),
        False,
    )
    assert application.correction.restart_date == date(2025, 10, 18)
    assert application.events.last().message == (
        "以收到补正之日 2025-10-18 重新计算答复期限，至 2025-11-14。"
    )
    assert kinds(application) == [
        EventKind.RECEIVED,
        EventKind.RECEIPT_CONFIRMED,
        EventKind.ACCEPTED,
        EventKind.CORRECTION_REQUESTED,
        EventKind.APPLICANT_NOTIFIED,
        EventKind.CORRECTION_RECEIVED,
    ]


def test_correction_only_within_7_working_days(clerk):
    application = accepted(clerk)
    with pytest.raises(ValidationError) as excinfo:
        services.request_correction(
            application=application, user=clerk, text="补正", on=date(2025, 10, 17)
        )
    assert message_of(excinfo) == (
        "补正通知应在收到申请之日起 7 个工作日内发出（最迟 2025-10-16）。"
    )
    services.request_correction(
        application=application, user=clerk, text="补正", on=date(2025, 10, 16)
    )


def test_correction_only_once(clerk):
    application = accepted(clerk)
    services.request_correction(
        application=application, user=clerk, text="补正", on=date(2025, 10, 9)
    )
    services.receive_correction(
        application=application, user=clerk, on=date(2025, 10, 10)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.request_correction(
            application=application, user=clerk, text="再补正", on=date(2025, 10, 13)
        )
    assert message_of(excinfo) == "补正通知只能发出一次，本申请已发出过补正通知。"


# --- extension -----------------------------------------------------------------------


def test_extension_by_the_head_of_office_is_recorded_and_told(
    head, clerk, django_capture_on_commit_callbacks
):
    application = accepted(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        application = services.extend_deadline(
            application=application,
            user=head,
            days=20,
            reason="需要调取多年度档案核查",
            on=date(2025, 10, 31),
        )
    assert application.due_date == date(2025, 12, 2)
    extension = application.extension
    assert (extension.days, extension.approved_by, extension.reason) == (
        20,
        head,
        "需要调取多年度档案核查",
    )
    assert extension.applicant_notified_via == "email"
    notice = Notification.objects.get(kind="disclosure.extension_notice")
    assert notice.recipients == ["lihua@example.com"]
    assert "延长 20 个工作日" in notice.body and "2025-12-02" in notice.body
    assert kinds(application)[-2:] == [EventKind.EXTENDED, EventKind.APPLICANT_NOTIFIED]


def test_extension_without_email_records_a_paper_notice(head, clerk):
    application = accepted(clerk, email="", delivery_method="paper")
    services.extend_deadline(
        application=application,
        user=head,
        days=5,
        reason="需要核查",
        on=date(2025, 10, 31),
    )
    event = application.events.get(kind=EventKind.APPLICANT_NOTIFIED)
    assert event.data == {"via": "paper", "kind": "disclosure.extension_notice"}


def test_extension_needs_the_permission(clerk):
    application = accepted(clerk)
    with pytest.raises(ValidationError) as excinfo:
        services.extend_deadline(
            application=application, user=clerk, days=10, reason="需要核查"
        )
    assert message_of(excinfo) == "只有信息公开工作机构负责人可以批准延期答复。"


def test_extension_at_most_20_days_and_only_once(head, clerk):
    application = accepted(clerk)
    with pytest.raises(ValidationError) as excinfo:
        services.extend_deadline(
            application=application,
            user=head,
            days=21,
            reason="需要核查",
            on=date(2025, 10, 31),
        )
    assert message_of(excinfo) == "延长的期限最长不得超过 20 个工作日。"
    services.extend_deadline(
        application=application,
        user=head,
        days=10,
        reason="需要核查",
        on=date(2025, 10, 31),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.extend_deadline(
            application=application,
            user=head,
            days=10,
            reason="再延",
            on=date(2025, 11, 3),
        )
    assert message_of(excinfo) == "延期答复只能批准一次，本申请已延期。"
    assert refresh(application).due_date == date(2025, 11, 18)


def test_extension_not_after_the_due_date(head, clerk):
    application = accepted(clerk)
    with pytest.raises(ValidationError) as excinfo:
        services.extend_deadline(
            application=application,
            user=head,
            days=10,
            reason="需要核查",
            on=date(2025, 11, 5),
        )
    assert message_of(excinfo) == "答复期限 2025-11-04 已过，不能再延期。"


# --- consultation --------------------------------------------------------------------


def test_third_party_consultation_moves_the_due_date(clerk):
    application = accepted(clerk)
    application = services.start_consultation(
        application=application,
        user=clerk,
        party_kind="third_party",
        party_name="某某人力资源有限公司",
        on=date(2025, 10, 13),
    )
    # Open: counted at the full 15 working days a third party has.
    assert (application.status, application.due_date) == (
        Status.CONSULTATION,
        date(2025, 11, 25),
    )
    application = services.end_consultation(
        application=application, user=clerk, on=date(2025, 10, 17)
    )
    assert (application.status, application.due_date) == (
        Status.ACCEPTED,
        date(2025, 11, 10),
    )
    assert (
        application.events.last().message == "征求意见用时 4 个工作日，不计入答复期限。"
    )


def test_two_consultations_at_once_count_their_shared_days_once(clerk):
    application = accepted(clerk)  # received 2025-09-30, due 2025-11-04
    services.start_consultation(
        application=application,
        user=clerk,
        party_kind="third_party",
        party_name="甲人力资源有限公司",
        on=date(2025, 10, 13),
    )
    # A second party named in the same information, consulted while the first runs.
    services.start_consultation(
        application=application,
        user=clerk,
        party_kind="third_party",
        party_name="乙劳务派遣有限公司",
        on=date(2025, 10, 15),
    )
    first, second = application.pauses.order_by("started_on")
    with pytest.raises(ValidationError) as excinfo:
        services.end_consultation(
            application=application, user=clerk, on=date(2025, 10, 17)
        )
    assert excinfo.value.message_dict == {
        "pause": ["正在进行多项征求意见，请选择收到哪一项的意见。"]
    }
    application = services.end_consultation(
        application=application, user=clerk, on=date(2025, 10, 17), pause=first
    )
    assert application.status == Status.CONSULTATION  # the second is still open
    application = services.end_consultation(
        application=application, user=clerk, on=date(2025, 10, 24), pause=second
    )
    # (10-13, 10-17] and (10-15, 10-24] together: 10-14..17, 10-20..24 = 9 working
    # days, not 4 + 7. 29 working days after 09-30: ... 11-10..14 (28), 11-17.
    assert (application.status, application.due_date) == (
        Status.ACCEPTED,
        date(2025, 11, 17),
    )
    assert application.events.last().message == (
        "征求“乙劳务派遣有限公司”意见用时 7 个工作日；各项征求意见重叠的日子只计一次，"
        "合计 9 个工作日不计入答复期限。"
    )
    with pytest.raises(ValidationError) as excinfo:
        services.end_consultation(
            application=application, user=clerk, on=date(2025, 10, 24), pause=second
        )
    assert message_of(excinfo) == (
        "当前状态为“办理中”，不能结束征求意见（仅限征求意见中状态）。"
    )


def test_agency_consultation_stops_the_clock_while_open(clerk):
    application = accepted(clerk)
    application = services.start_consultation(
        application=application,
        user=clerk,
        party_kind="agency",
        party_name="区财政局",
        on=date(2025, 10, 13),
    )
    assert (application.due_date, application.clock_stopped) == (None, True)


# --- reply ---------------------------------------------------------------------------


def test_reply_needs_type_reason_of_that_type_and_legal_review(clerk, lawyer):
    application = accepted(clerk)
    with pytest.raises(ValidationError) as excinfo:
        services.draft_reply(
            application=application, user=clerk, reply_type="", reply_text="答复"
        )
    assert message_of(excinfo) == "请选择答复类型。"
    with pytest.raises(ValidationError) as excinfo:
        services.draft_reply(
            application=application,
            user=clerk,
            reply_type=ReplyType.WITHHOLD,
            reply_text="答复",
        )
    assert message_of(excinfo) == "答复类型“不予公开”须选择具体理由。"
    with pytest.raises(ValidationError) as excinfo:
        services.draft_reply(
            application=application,
            user=clerk,
            reply_type=ReplyType.WITHHOLD,
            reply_reason=ReplyReason.NOT_HELD,
            reply_text="答复",
        )
    assert message_of(excinfo) == "所选理由不属于答复类型“不予公开”。"
    services.draft_reply(
        application=application,
        user=clerk,
        reply_type=ReplyType.DISCLOSE,
        reply_ground=ReplyGround.ALREADY_PUBLIC,
        provision_method="本局网站“政府信息公开—政策文件”栏目",
        reply_text="现将您申请的信息提供如下。",
    )
    with pytest.raises(ValidationError) as excinfo:
        services.reply_application(application=application, user=clerk)
    assert message_of(excinfo).startswith("当前状态为“答复已拟稿”，不能答复申请人")
    services.submit_for_legal_review(application=application, user=clerk)
    with pytest.raises(ValidationError) as excinfo:
        services.reply_application(application=application, user=clerk)
    assert message_of(excinfo) == "答复须经法制审核通过后才能发出。"
    with pytest.raises(ValidationError) as excinfo:
        services.legal_review(application=application, user=clerk, approve=True)
    assert message_of(excinfo) == "只有具有法制审核权限的人员可以审核答复。"
    services.legal_review(
        application=application, user=lawyer, approve=False, comment="补充法律依据"
    )
    assert refresh(application).status == Status.REPLY_DRAFTED
    services.submit_for_legal_review(application=application, user=clerk)
    services.legal_review(application=application, user=lawyer, approve=True)
    outcome = services.reply_application(
        application=application, user=clerk, on=date(2025, 10, 20)
    )
    application = refresh(application)
    assert (application.status, application.replied_on) == (
        Status.REPLIED,
        date(2025, 10, 20),
    )
    assert outcome.notice_error == ""
    assert outcome.notice.application_id == application.pk
    services.close_application(application=application, user=clerk)
    assert refresh(application).status == Status.CLOSED


def test_a_failing_notice_never_loses_the_reply(clerk, lawyer, monkeypatch):
    application = accepted(clerk)
    services.draft_reply(
        application=application,
        user=clerk,
        reply_type=ReplyType.DISCLOSE,
        reply_ground=ReplyGround.ALREADY_PUBLIC,
        provision_method="本局网站“政府信息公开—政策文件”栏目",
        reply_text="现将您申请的信息提供如下。",
    )
    services.submit_for_legal_review(application=application, user=clerk)
    services.legal_review(application=application, user=lawyer, approve=True)

    def broken(**kwargs):
        raise OSError("disk full")

    # Stands in for a full disk, which cannot be produced here.
    monkeypatch.setattr("cms.disclosure.notices.generate_reply_notice", broken)
    outcome = services.reply_application(application=application, user=clerk)
    assert outcome.notice is None
    assert outcome.notice_error == "答复已发出，但告知书生成失败：OSError: disk full"
    assert refresh(application).status == Status.REPLIED
    assert EventKind.NOTICE_FAILED in kinds(application)


def test_no_correction_closes_as_other_processing(clerk, lawyer):
    application = accepted(clerk)
    services.request_correction(
        application=application, user=clerk, text="补正", on=date(2025, 10, 9)
    )
    application = services.draft_reply(
        application=application,
        user=clerk,
        reply_type=ReplyType.OTHER,
        reply_reason=ReplyReason.NO_CORRECTION,
        reply_text="您逾期未补正，视为放弃申请。",
    )
    assert application.status == Status.REPLY_DRAFTED


def test_steps_out_of_order_are_refused(clerk):
    application = make_application().application
    with pytest.raises(ValidationError) as excinfo:
        services.close_application(application=application, user=clerk)
    assert message_of(excinfo) == "当前状态为“已收到”，不能办结（仅限已答复状态）。"
    with pytest.raises(ValidationError):
        services.end_consultation(
            application=application, user=clerk, on=date(2025, 10, 9)
        )


def test_due_soon_and_overdue_selectors():
    from cms.disclosure import selectors

    application = make_application().application  # due 2025-11-04
    # 5 working days after 10-28: 10-29, 10-30, 10-31, 11-03, 11-04.
    assert list(selectors.due_soon(date(2025, 10, 28))) == [application]
    assert list(selectors.due_soon(date(2025, 10, 27))) == []
    assert list(selectors.due_soon(date(2025, 11, 4))) == [application]
    assert list(selectors.overdue(date(2025, 11, 4))) == []
    assert list(selectors.overdue(date(2025, 11, 5))) == [application]
    assert selectors.days_left(application, date(2025, 10, 28)) == 5
    assert selectors.days_left(application, date(2025, 11, 6)) == -2


def test_a_holiday_entered_in_the_admin_moves_open_due_dates(
    clerk, django_capture_on_commit_callbacks
):

    open_application = make_application().application  # due 2025-11-04
    replied = accepted(clerk)
    services.draft_reply(
        application=replied,
        user=clerk,
        reply_type="disclose",
        reply_ground="already_public",
        provision_method="本局网站",
        reply_text="提供",
    )
    DisclosureApplication.objects.filter(pk=replied.pk).update(status=Status.REPLIED)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarOverrideFactory(
            date=date(2025, 10, 20), is_working_day=False, reason="临时停工"
        )
    assert refresh(open_application).due_date == date(2025, 11, 5)
    assert refresh(replied).due_date == date(2025, 11, 4), "answered: left alone"
