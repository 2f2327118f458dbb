"""The daily round: measure every indicator, keep the day's snapshot, and send each
responsible 科室 a digest of what fails, warns or is about to (through the staff
notification outbox, cms.participation.notifications)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from cms.participation.notifications import notify_staff, staff_emails

from .models import DailySnapshot
from .registry import FAIL, OK, STATE_LABELS, Row, measure_all

DIGEST_KIND = "compliance_digest"
# Who reads the whole digest: holders of this permission (and superusers).
DIGEST_PERMISSION = "compliance.receive_compliance_digest"


def take_snapshot(
    *, today: datetime.date, rows: list[Row] | None = None
) -> DailySnapshot:
    """Store (or replace) the day's values of every indicator."""
    rows = measure_all(today) if rows is None else rows
    values = {
        row.indicator.key: {"value": row.measurement.value, "state": row.state}
        for row in rows
    }
    snapshot, _ = DailySnapshot.objects.update_or_create(
        date=today, defaults={"values": values}
    )
    return snapshot


def _department_emails(department: str) -> list[str]:
    from cms.review.setup import editor_group_name

    return list(
        get_user_model()
        .objects.filter(groups__name=editor_group_name(department), is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _lines(row: Row) -> list[str]:
    measurement, indicator = row.measurement, row.indicator
    lines = [
        f"【{STATE_LABELS[row.state]}】{indicator.title}：{measurement.display}"
        f"（不合格标准：{indicator.threshold}；预警：{indicator.warning}）",
        f"  依据：{indicator.rule}",
    ]
    lines += [
        f"  - {e.label}{'：' + e.detail if e.detail else ''}"
        for e in measurement.evidence
    ]
    lines += [f"  预测：{prediction}" for prediction in measurement.predictions]
    return lines


def digest_sections(rows: list[Row]) -> dict[str, list[Row]]:
    """The rows to report, by responsible 科室: failing and warning rows, and rows
    whose predictions announce a coming failure."""
    by_department: dict[str, list[Row]] = {}
    for row in rows:
        if row.state == OK and not row.measurement.predictions:
            continue
        for department in row.measurement.departments or [row.indicator.department]:
            by_department.setdefault(department, []).append(row)
    return by_department


@transaction.atomic
def send_digest(*, today: datetime.date, rows: list[Row] | None = None) -> list[int]:
    """One notification per 科室 with something to report; returns their ids."""
    rows = measure_all(today) if rows is None else rows
    supervisors = staff_emails(DIGEST_PERMISSION)
    link = reverse("compliance_report")
    sent = []
    for department, department_rows in sorted(digest_sections(rows).items()):
        recipients = sorted({*_department_emails(department), *supervisors})
        if not recipients:
            continue
        failing = sum(1 for row in department_rows if row.state == FAIL)
        body = "\n".join(
            [
                f"{department}：{today:%Y-%m-%d} 网站检查指标日报。",
                "",
                *[line for row in department_rows for line in _lines(row)],
                "",
                f"详情见后台“网站检查指标”：{link}",
            ]
        )
        notification = notify_staff(
            kind=DIGEST_KIND,
            subject=f"网站检查指标日报（{department}）：{failing} 项不达标，"
            f"{len(department_rows) - failing} 项预警",
            body=body,
            recipients=recipients,
            reference=f"compliance:{today.isoformat()}:{department}",
        )
        sent.append(notification.pk)
    return sent


def daily_round(*, today: datetime.date) -> dict[str, int]:
    rows = measure_all(today)
    take_snapshot(today=today, rows=rows)
    sent = send_digest(today=today, rows=rows)
    return {"indicators": len(rows), "notifications": len(sent)}
