"""The statutory clock of 依申请公开 (政府信息公开条例, 2019), as pure functions.

- Received on a non-working day: counts as received on the next working day.
- The reply is due on the 20th working day after receipt (第三十三条).
- One extension of at most 20 working days, approved by the head of the office.
- A 补正 request (once, within 7 working days of receipt, 第三十条) stops the clock; it
  restarts in full, 20 working days from when the corrected application arrives.
- Time spent consulting third parties (at most 15 working days, 第三十二条) or other
  agencies is not counted (第三十三条第二款): each consultation moves the due date by
  the working days it took. An open third-party consultation is counted at its full
  15 working days (the third party cannot take longer); an open consultation of
  another agency, which has no statutory limit, stops the clock until it ends.
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
    received_date: datetime.date
    correction_requested_on: datetime.date | None = None
    correction_restart_date: datetime.date | None = None
    pauses: tuple[Pause, ...] = ()
    extension_days: int = 0


@dataclass(frozen=True)
class ClockState:
    start_date: datetime.date | None  # the day the 20 working days count from
    due_date: datetime.date | None  # None while the clock is stopped
    provisional: bool
    stopped: bool
    paused_days: int
    extension_days: int


def received_date_for(received_at: datetime.date) -> datetime.date:
    """The legal date of receipt: the next working day when received on a day off."""
    return calendar.next_working_day(received_at, include_self=True)


def correction_deadline(received_date: datetime.date) -> calendar.WorkdayResult:
    """The last day a 补正 request may be sent: the 7th working day after receipt."""
    return calendar.add_working_days(received_date, CORRECTION_WINDOW_DAYS)


def paused_days(pause: Pause) -> int | None:
    """Working days a consultation takes off the clock; None while it stops it."""
    if pause.ended_on is None:
        return THIRD_PARTY_DAYS if pause.kind == THIRD_PARTY else None
    days = max(0, calendar.working_days_between(pause.started_on, pause.ended_on))
    return min(days, THIRD_PARTY_DAYS) if pause.kind == THIRD_PARTY else days


def compute(clock: ClockInput) -> ClockState:
    """The due date of an application from its recorded steps."""
    start = clock.received_date
    if clock.correction_requested_on is not None:
        if clock.correction_restart_date is None:
            return ClockState(None, None, False, True, 0, clock.extension_days)
        start = clock.correction_restart_date
    pauses = [pause for pause in clock.pauses if pause.started_on >= start]
    total_paused = 0
    stopped = False
    for pause in pauses:
        days = paused_days(pause)
        if days is None:
            stopped = True
        else:
            total_paused += days
    provisional = calendar.is_provisional(start) or any(
        calendar.is_provisional(day)
        for pause in pauses
        for day in (pause.started_on, pause.ended_on)
        if day is not None
    )
    if stopped:
        return ClockState(
            start, None, provisional, True, total_paused, clock.extension_days
        )
    result = calendar.add_working_days(
        start, STATUTORY_DAYS + total_paused + clock.extension_days
    )
    return ClockState(
        start_date=start,
        due_date=result.date,
        provisional=provisional or result.provisional,
        stopped=False,
        paused_days=total_paused,
        extension_days=clock.extension_days,
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
