"""How long a question has waited: working days against the internal target (5) and
calendar months against the inspection limit (3, 检查指标 "留言超过3个月未回复")."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.workdays import calendar as workdays

TARGET_WORKING_DAYS = 5
INSPECTION_MONTHS = 3
# A question with this many working days or fewer left before the target is due soon.
DUE_SOON_WORKING_DAYS = 1


class ClockState(models.TextChoices):
    ON_TIME = "on_time", _("时限内")
    DUE_SOON = "due_soon", _("即将到期")
    OVERDUE = "overdue", _("已超期（超过 5 个工作日）")
    INSPECTION_OVERDUE = "inspection_overdue", _("超过 3 个月未答复")
    ANSWERED = "answered", _("按时答复")
    ANSWERED_LATE = "answered_late", _("超期答复")
    CLOSED = "closed", _("不予受理")


@dataclass(frozen=True)
class QuestionClock:
    received: datetime.date
    age_working_days: int
    target_date: datetime.date
    target_provisional: bool
    inspection_date: datetime.date
    state: ClockState

    @property
    def is_flagged(self) -> bool:
        return self.state in (
            ClockState.DUE_SOON,
            ClockState.OVERDUE,
            ClockState.INSPECTION_OVERDUE,
        )


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier); 30 November + 3 = 28/29 February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def inspection_date(received: datetime.date) -> datetime.date:
    return add_months(received, INSPECTION_MONTHS)


def question_clock(
    *,
    submitted_at: datetime.datetime,
    answered_at: datetime.datetime | None,
    closed: bool = False,
    today: datetime.date | None = None,
) -> QuestionClock:
    received = timezone.localdate(submitted_at)
    end = (
        timezone.localdate(answered_at)
        if answered_at
        else (today or timezone.localdate())
    )
    target = workdays.add_working_days(received, TARGET_WORKING_DAYS)
    age = workdays.working_days_between(received, end)
    inspection = inspection_date(received)
    if closed:
        state = ClockState.CLOSED
    elif answered_at:
        state = ClockState.ANSWERED if end <= target.date else ClockState.ANSWERED_LATE
    elif end >= inspection:
        state = ClockState.INSPECTION_OVERDUE
    elif end > target.date:
        state = ClockState.OVERDUE
    elif workdays.working_days_between(end, target.date) <= DUE_SOON_WORKING_DAYS:
        state = ClockState.DUE_SOON
    else:
        state = ClockState.ON_TIME
    return QuestionClock(
        received=received,
        age_working_days=age,
        target_date=target.date,
        target_provisional=target.provisional,
        inspection_date=inspection,
        state=state,
    )


def latest_received_past_target(today: datetime.date) -> datetime.date:
    """The latest receipt date whose 5-working-day target lies before ``today``.

    Lets the admin filter overdue questions in SQL (submitted on or before it).
    """
    day = today
    while workdays.add_working_days(day, TARGET_WORKING_DAYS).date >= today:
        day -= datetime.timedelta(days=1)
    return day


def latest_received_due_soon(today: datetime.date) -> datetime.date:
    """The latest receipt date whose target is at most 1 working day from ``today``."""
    day = today
    while (
        workdays.working_days_between(
            today, workdays.add_working_days(day, TARGET_WORKING_DAYS).date
        )
        > DUE_SOON_WORKING_DAYS
    ):
        day -= datetime.timedelta(days=1)
    return day


def latest_received_past_inspection(today: datetime.date) -> datetime.date:
    return add_months(today, -INSPECTION_MONTHS)
