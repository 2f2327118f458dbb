"""The statutory clock of 依申请公开 (政府信息公开条例, 2019), as pure functions.

The receipt date (收到申请之日, 第三十一条) depends on the channel, and is the day
itself, never moved to a working day:
- in person (当面提交, (一)): the day it was handed in;
- by post (邮寄, (二)): the day the office signed for it; for an ordinary letter that
  needs no signature, the day the office confirmed it with the applicant;
- online (互联网渠道) or by fax (传真, (三)): the day both sides confirmed it. An online
  application submitted on a working day is acknowledged automatically at once;
  one submitted on a day off is acknowledged on the next working day (or earlier by
  staff in the admin). Until then it has no receipt date, and no clock runs.
  See ``acknowledgement_date`` and intake.py / receipts.py.

The periods count working days *after* that date, the date itself not counted
(民法典第二百零一条第一款: 开始的当日不计入，自下一日开始计算):
- the reply is due on the 20th working day (第三十三条第一款); one extension of at
  most 20 working days, approved by the head of the office;
- a 补正 request goes out once, by the 7th working day (第三十条); the clock stops
  and restarts in full from the day the corrected application is received, again
  counted from the next day.
- Time spent consulting third parties (第三十二条: they answer within 15 working
  days) or other agencies is not counted (第三十三条第二款). Each working day off the
  clock is counted once, however many consultations overlap on it. An open
  third-party consultation counts at its full 15 working days (the third party
  cannot take longer); an open consultation of another agency, which has no
  statutory limit, stops the clock until it ends.
- A deadline counted across a year whose holiday arrangement is not yet published is
  provisional (see cms/workdays/calendar.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from cms.workdays import calendar

STATUTORY_DAYS = 20
MAX_EXTENSION_DAYS = 20
CORRECTION_WINDOW_DAYS = 7
THIRD_PARTY_DAYS = 15
DUE_SOON_DAYS = 5

THIRD_PARTY = "third_party"


@dataclass(frozen=True)
class Pause:
    kind: str  # PartyKind value: "third_party" or "agency"
    started_on: datetime.date
    ended_on: datetime.date | None = None


@dataclass(frozen=True)
class ClockInput:
    received_date: datetime.date | None  # None: an online receipt not yet confirmed
    correction_requested_on: datetime.date | None = None
    correction_restart_date: datetime.date | None = None
    pauses: tuple[Pause, ...] = ()
    extension_days: int = 0


@dataclass(frozen=True)
class ClockState:
    start_date: datetime.date | None  # the day the 20 working days count after
    due_date: datetime.date | None  # None while the clock is stopped or not started
    provisional: bool  # the due date depends on an estimated (unpublished) year
    stopped: bool
    paused_days: int
    extension_days: int
    awaiting_receipt: bool = False  # online, receipt not yet confirmed (第三十一条)


def acknowledgement_date(submitted_on: datetime.date) -> datetime.date:
    """The day an online application is acknowledged automatically.

    The day it was submitted when that is a working day, else the next working day:
    both sides have confirmed it then, and that is its receipt date (第三十一条第（三）项).
    """
    return calendar.next_working_day(submitted_on, include_self=True)


def correction_deadline(received_date: datetime.date) -> calendar.WorkdayResult:
    """The last day a 补正 request may be sent: the 7th working day after receipt."""
    return calendar.add_working_days(received_date, CORRECTION_WINDOW_DAYS)


def pause_end(pause: Pause) -> datetime.date | None:
    """The last day a consultation keeps off the clock; None while it stops it."""
    if pause.kind == THIRD_PARTY:
        limit = calendar.add_working_days(pause.started_on, THIRD_PARTY_DAYS).date
        return limit if pause.ended_on is None else min(pause.ended_on, limit)
    return pause.ended_on


def paused_days(pause: Pause) -> int | None:
    """Working days one consultation takes off the clock; None while it stops it."""
    end = pause_end(pause)
    if end is None:
        return None
    return max(0, calendar.working_days_between(pause.started_on, end))


def _paused_spans(
    pauses: Iterable[Pause], after: datetime.date
) -> tuple[list[tuple[datetime.date, datetime.date]], bool]:
    """The spans (start, end] off the clock after ``after``, merged; and whether an
    open consultation stops the clock."""
    spans: list[tuple[datetime.date, datetime.date]] = []
    stopped = False
    for pause in pauses:
        end = pause_end(pause)
        if end is None:
            stopped = True
            continue
        begin = max(pause.started_on, after)
        if end > begin:
            spans.append((begin, end))
    merged: list[tuple[datetime.date, datetime.date]] = []
    for begin, end in sorted(spans):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return merged, stopped


def compute(clock: ClockInput) -> ClockState:
    """The due date of an application from its recorded steps."""
    extension = clock.extension_days
    if clock.received_date is None:
        return ClockState(None, None, False, False, 0, extension, True)
    start = clock.received_date
    if clock.correction_requested_on is not None:
        if clock.correction_restart_date is None:
            return ClockState(None, None, False, True, 0, extension)
        start = clock.correction_restart_date
    spans, stopped = _paused_spans(clock.pauses, start)
    paused = sum(calendar.working_days_between(begin, end) for begin, end in spans)
    if stopped:
        return ClockState(start, None, False, True, paused, extension)
    result = calendar.add_working_days(start, STATUTORY_DAYS + paused + extension)
    return ClockState(
        start_date=start,
        due_date=result.date,
        provisional=result.provisional
        or any(calendar.is_provisional_between(begin, end) for begin, end in spans),
        stopped=False,
        paused_days=paused,
        extension_days=extension,
    )


def working_days_left(due_date: datetime.date, today: datetime.date) -> int:
    """Working days from today to the due date: 0 on the day, negative when overdue."""
    return calendar.working_days_between(today, due_date)


def due_soon_limit(today: datetime.date) -> datetime.date:
    """Due dates on or before this day are due within 5 working days."""
    return calendar.add_working_days(today, DUE_SOON_DAYS).date


def pauses_from(rows: Iterable) -> tuple[Pause, ...]:
    """Pauses from ConsultationPause rows (or anything with the same attributes)."""
    return tuple(Pause(row.party_kind, row.started_on, row.ended_on) for row in rows)
