"""0005: existing replies under the new reply bases (无法提供 split into (四)/(五))."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cms.disclosure.models import ApplicationEvent, DisclosureApplication

BEFORE = [("disclosure", "0004_reply_bases_and_fees")]
AFTER = [("disclosure", "0005_split_not_held_and_reopen_drafts")]


def _row(Application, number: int, **fields):
    received = datetime.date(2025, 9, 30)
    return Application.objects.create(
        tracking_number=f"YSQ-2025-{number:06d}",
        query_code_salt=f"salt-{number}",
        idempotency_key=f"migration-{number}",
        applicant_type="natural_person",
        name="迁移测试",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="13812345678",
        description="迁移前的申请",
        delivery_method="email",
        received_at=timezone.make_aware(datetime.datetime(2025, 9, 30, 9)),
        received_date=received,
        **fields,
    )


@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_replies_are_split_and_open_drafts_reopened(django_user_model):
    lawyer = django_user_model.objects.create_user(username="migration-lawyer")
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        Application = executor.loader.project_state(BEFORE).apps.get_model(
            "disclosure", "DisclosureApplication"
        )
        reviewed = {
            "legal_reviewed_by_id": lawyer.pk,
            "legal_reviewed_at": timezone.now(),
        }
        _row(
            Application,
            1,
            status="closed",
            reply_type="unable",
            reply_reason="not_held",
            reply_text="该信息不属于本机关负责公开，由区医疗保障局负责公开。",
            replied_on=datetime.date(2025, 10, 20),
        )
        _row(
            Application,
            2,
            status="replied",
            reply_type="unable",
            reply_reason="not_held",
            reply_text="经检索，本机关未制作该信息，该信息由本机关负责公开的栏目中也没有。",
            replied_on=datetime.date(2025, 10, 20),
        )
        _row(
            Application,
            3,
            status="legal_review",
            reply_type="disclose",
            reply_text="现提供该信息。",
            **reviewed,
        )
        _row(
            Application,
            4,
            status="legal_review",
            reply_type="withhold",
            reply_reason="internal_affairs",
            reply_text="内部人事管理信息。",
            **reviewed,
        )
        _row(
            Application,
            5,
            status="reply_drafted",
            reply_type="unable",
            reply_reason="not_held",
            reply_text="本机关不掌握。",
        )
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )

    rows = {
        a.tracking_number[-1]: a
        for a in DisclosureApplication.objects.order_by("tracking_number")
    }
    assert {n: (a.status, a.reply_reason) for n, a in rows.items()} == {
        "1": ("closed", "not_responsible"),
        "2": ("replied", "not_held"),  # 由本机关负责公开 is not another agency
        "3": ("reply_drafted", ""),
        "4": ("legal_review", "internal_affairs"),  # complete: left alone
        "5": ("reply_drafted", "not_held"),
    }
    assert rows["3"].legal_reviewed_by_id is None
    assert rows["3"].legal_reviewed_at is None
    assert rows["4"].legal_reviewed_by_id == lawyer.pk
    events = {
        e.application.tracking_number[-1]: (e.kind, e.message, e.data)
        # (0007's receipt and deadline events are tested in test_receipt_migration.py)
        for e in ApplicationEvent.objects.filter(kind="reply_reopened").select_related(
            "application"
        )
    }
    assert events == {
        "3": (
            "reply_reopened",
            "答复的法律依据已按条例调整，请补充后重新提交法制审核："
            "予以公开须选择已主动公开（第三十六条第（一）项）或可以公开（第（二）项），"
            "写明提供或获取信息的方式、途径，可以公开的还须写明提供时间。",
            {"status_before": "legal_review"},
        ),
        "5": (
            "reply_reopened",
            "答复的法律依据已按条例调整，请补充后重新提交法制审核："
            "“本机关不掌握相关政府信息”已分为经检索没有（条例第三十六条第（四）项）"
            "和不属于本机关负责公开（第（五）项）两种决定，请确认；属于后者且能够确定"
            "负责公开的行政机关的，须写明其名称和联系方式。",
            {"status_before": "reply_drafted"},
        ),
    }
