"""How long a question has waited: working days against the internal target (5) and
calendar months against the inspection limit (3, 检查指标 "留言超过3个月未回复").

How the three months are counted (《民法典》第二百零一条、第二百零二条, the general
rule for periods in months): the day the question arrives (Asia/Shanghai) is not
counted; the period ends on the day of the third month after with the same number
(对应日), or, when that month has no such day, on its last day (月末日). An answer
given on or before that day (``inspection_date``) is in time; one given after it
exceeded three months, and a question still unanswered after it is 超过 3 个月未答复.

    submitted 2026-03-02 → last day 2026-06-02; answered 2026-06-03 is late
    submitted 2025-11-30 → last day 2026-02-28 (no 30 February)
    submitted 2025-08-31 → last day 2025-11-30 (no 31 November)
    submitted 2023-11-30 → last day 2024-02-29 (leap year)
    submitted 2024-02-29 → last day 2024-05-29
"""

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
    """The last day of the three months: an answer on it is still in time."""
    return add_months(received, INSPECTION_MONTHS)


def exceeds_inspection_limit(
    *, submitted_at: datetime.datetime, day: datetime.date
) -> bool:
    """Whether ``day`` (an answer's or today's local date) is past the three months."""
    return day > inspection_date(timezone.localdate(submitted_at))


def answered_over_three_months(
    *, submitted_at: datetime.datetime, answered_at: datetime.datetime
) -> bool:
    return exceeds_inspection_limit(
        submitted_at=submitted_at, day=timezone.localdate(answered_at)
    )


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
    elif end > inspection:
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
    """The latest receipt date whose three months ended before ``today``.

    ``inspection_date`` never decreases as the receipt date grows, so the questions
    past the limit are exactly those received on or before this day. When the day
    before ``today`` is a month end, every later receipt date of the month three
    months earlier clamps to it too (received 29 or 30 November → 28 February).
    """
    last_day = today - datetime.timedelta(days=1)
    day = add_months(last_day, -INSPECTION_MONTHS)
    if last_day.day == calendar.monthrange(last_day.year, last_day.month)[1]:
        day = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day
