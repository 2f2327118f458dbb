"""0006/0007: existing applications under the receipt rules of 条例第三十一条."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cms.disclosure.models import ApplicationEvent, DisclosureApplication

BEFORE = [("disclosure", "0005_split_not_held_and_reopen_drafts")]
AFTER = [("disclosure", "0007_receipt_dates_by_channel")]
D = datetime.date


def _aware(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def _row(apps, number: int, *, received_on: D, **fields):
    """A row as the old code stored it, with the event of the day it came in."""
    Application = apps.get_model("disclosure", "DisclosureApplication")
    Event = apps.get_model("disclosure", "ApplicationEvent")
    fields.setdefault("received_at", _aware(2025, 9, 30, 9))
    application = Application.objects.create(
        tracking_number=f"YSQ-2025-{number:06d}",
        query_code_salt=f"salt-{number}",
        idempotency_key=f"receipt-migration-{number}",
        applicant_type="natural_person",
        name="迁移测试",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="13812345678",
        description="迁移前的申请",
        delivery_method="email",
        **fields,
    )
    Event.objects.create(application=application, kind="received", on_date=received_on)
    return application


def _migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_rows_get_their_receipt_confirmation_and_lawful_dates():
    try:
        _migrate(BEFORE)
        apps = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        Correction = apps.get_model("disclosure", "Correction")
        Pause = apps.get_model("disclosure", "ConsultationPause")
        # 1. Online on a working day: the old date stays, confirmed at submission.
        _row(
            apps,
            1,
            received_on=D(2025, 9, 30),
            received_date=D(2025, 9, 30),
            due_date=D(2025, 11, 4),
            status="accepted",
        )
        # 2. Online on 国庆 Saturday 10-04, moved by the old code to 10-09: the
        # automatic acknowledgement now falls on that day; the due date stays.
        _row(
            apps,
            2,
            received_on=D(2025, 10, 4),
            received_at=_aware(2025, 10, 4, 9, 30),
            received_date=D(2025, 10, 9),
            due_date=D(2025, 11, 5),
            status="received",
        )
        # 3. A letter signed for on 元旦 2025, moved to 01-02 and due 02-06: the
        # issue's example, now received on 01-01 and due 02-05.
        _row(
            apps,
            3,
            received_on=D(2025, 1, 1),
            received_date=D(2025, 1, 2),
            due_date=D(2025, 2, 6),
            status="accepted",
            channel="post",
        )
        # 4. The same letter, answered and closed: its record stays as it was.
        _row(
            apps,
            4,
            received_on=D(2025, 1, 1),
            received_date=D(2025, 1, 2),
            due_date=D(2025, 2, 6),
            status="closed",
            channel="post",
            replied_on=D(2025, 2, 6),
        )
        # 5. A corrected application received on Saturday 10-18, restarted by the
        # old code on Monday 10-20 (due 11-17): restart 10-18, due 11-14.
        five = _row(
            apps,
            5,
            received_on=D(2025, 9, 30),
            received_date=D(2025, 9, 30),
            due_date=D(2025, 11, 17),
            status="accepted",
        )
        Correction.objects.create(
            application=five,
            requested_on=D(2025, 10, 10),
            request_text="补正",
            received_on=D(2025, 10, 18),
            restart_date=D(2025, 10, 20),
        )
        # 6. Two overlapping consultations, summed by the old code (4 + 7 = 11,
        # due 11-19): 9 days off the clock, due 11-17.
        six = _row(
            apps,
            6,
            received_on=D(2025, 9, 30),
            received_date=D(2025, 9, 30),
            due_date=D(2025, 11, 19),
            status="accepted",
        )
        Pause.objects.create(
            application=six,
            party_kind="third_party",
            party_name="甲",
            started_on=D(2025, 10, 13),
            ended_on=D(2025, 10, 17),
        )
        Pause.objects.create(
            application=six,
            party_kind="agency",
            party_name="乙",
            started_on=D(2025, 10, 15),
            ended_on=D(2025, 10, 24),
        )
        _migrate(AFTER)
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    rows = {
        int(a.tracking_number[-1]): a
        for a in DisclosureApplication.objects.order_by("tracking_number")
    }
    assert {
        n: (a.received_date, a.receipt_basis, a.receipt_confirmed_at, a.due_date)
        for n, a in rows.items()
    } == {
        1: (D(2025, 9, 30), "confirmed", _aware(2025, 9, 30, 9), D(2025, 11, 4)),
        2: (D(2025, 10, 9), "confirmed", _aware(2025, 10, 9, 0, 0), D(2025, 11, 5)),
        3: (D(2025, 1, 1), "signed_for", None, D(2025, 2, 5)),
        4: (D(2025, 1, 2), "signed_for", None, D(2025, 2, 6)),
        5: (D(2025, 9, 30), "confirmed", _aware(2025, 9, 30, 9), D(2025, 11, 14)),
        6: (D(2025, 9, 30), "confirmed", _aware(2025, 9, 30, 9), D(2025, 11, 17)),
    }
    assert rows[5].correction.restart_date == D(2025, 10, 18)
    events = {
        (int(e.application.tracking_number[-1]), e.kind): e.message
        for e in ApplicationEvent.objects.exclude(kind="received").select_related(
            "application"
        )
    }
    today = timezone.localdate()
    assert {key: events[key] for key in events if key[1] == "receipt_confirmed"} == {
        (n, "receipt_confirmed"): message
        for n, message in {
            1: "网上申请，提交当日（工作日）系统自动确认，以 2025-09-30 为收到申请之日"
            "（条例第三十一条第（三）项；按新规则补记）。",
            2: "网上申请，非工作日提交，以其后第一个工作日为系统自动确认之日，以 "
            "2025-10-09 为收到申请之日（条例第三十一条第（三）项；按新规则补记）。",
            5: "网上申请，提交当日（工作日）系统自动确认，以 2025-09-30 为收到申请之日"
            "（条例第三十一条第（三）项；按新规则补记）。",
            6: "网上申请，提交当日（工作日）系统自动确认，以 2025-09-30 为收到申请之日"
            "（条例第三十一条第（三）项；按新规则补记）。",
        }.items()
    }
    prefix = (
        "按条例第三十条、第三十一条、第三十三条重新计算（收到申请之日当天不计、"
        "非工作日收到的不顺延、重叠的征求意见期间只扣除一次）："
    )
    assert {key: events[key] for key in events if key[1] != "receipt_confirmed"} == {
        (3, "deadline_recalculated"): prefix
        + "收到申请之日由 2025-01-02 更正为登记的 2025-01-01（条例第三十一条，"
        "非工作日收到的不再顺延）；答复期限由 2025-02-06 改为 2025-02-05。",
        (5, "deadline_recalculated"): prefix
        + "重新计时起算日由 2025-10-20 更正为收到补正之日 2025-10-18（条例第三十条）"
        "；答复期限由 2025-11-17 改为 2025-11-14。",
        (6, "deadline_recalculated"): prefix
        + "答复期限由 2025-11-19 改为 2025-11-17。",
    }
    assert set(
        ApplicationEvent.objects.filter(kind="deadline_recalculated").values_list(
            "on_date", flat=True
        )
    ) == {today}


@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reversing_gives_a_pending_receipt_the_old_rules_date():
    try:
        _migrate(AFTER)
        apps = MigrationExecutor(connection).loader.project_state(AFTER).apps
        _row(
            apps,
            1,
            received_on=D(2025, 10, 4),
            received_at=_aware(2025, 10, 4, 9, 30),
            received_date=None,
            status="received",
        )
        _migrate(BEFORE)
        apps = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        Application = apps.get_model("disclosure", "DisclosureApplication")
        # Nothing lost: the old code's date, the next working day after 国庆.
        assert list(Application.objects.values_list("received_date", flat=True)) == [
            D(2025, 10, 9)
        ]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert DisclosureApplication.objects.count() == 1
