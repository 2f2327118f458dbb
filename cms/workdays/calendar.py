"""China's working-day calendar for statutory deadlines (工作日计算).

Rules, in order of precedence, for one day:

1. A `CalendarOverride` entered in the admin (工作日历 → 日历调整) decides: working day
   or day off. Overridden days are exact.
2. Otherwise, for a year the installed `chinesecalendar` package knows (2004 up to
   the last year of its release; 1.11 knows 2026), its official holidays and 调休
   working weekends decide. Exact.
3. Otherwise, for a year the office has marked complete (`CalendarYear.is_complete`,
   after entering the year's holidays and 调休 days as overrides), Monday to Friday
   are working days. Exact.
4. Otherwise the year's arrangement is not yet published: Monday to Friday are
   working days except the national holidays of 《全国年节及纪念日放假办法》
   (2024 revision: 元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1,
   国庆 3 days) and their make-up days (补假, 第六条), lunar dates computed
   locally (see statutory.py); the 调休 swaps cannot be known. Every day of such a
   year is *provisional* — a deadline counted across it is marked provisional,
   never silently exact.

Counting:
- `next_working_day(day)` is the first working day on or after `day` (for an
  online application submitted on a day off: the day it is acknowledged).
- `add_working_days(start, n)` is the n-th working day after `start`, `start` itself
  not counted; the result is provisional when any day counted is provisional.
- `working_days_between(start, end)` counts working days in (start, end]; negative
  when `end` is before `start`. `working_days_range` lists the same days.

Caching: the overrides are read once into a per-process snapshot. Saving or deleting
an override or a year clears this process's snapshot at once and, on commit, bumps a
version in the shared cache (Redis in production); other processes compare their
snapshot with that version at most every `WORKDAYS_CACHE_CHECK_SECONDS` seconds
(default 5; 0 under tests) and reload when it changed. Bulk `QuerySet.update()` sends
no signal: call `invalidate_cache()` after one.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
from django.conf import settings
from django.core.cache import cache

from .statutory import statutory_holidays

logger = logging.getLogger(__name__)

__all__ = [
    "WorkdayResult",
    "add_working_days",
    "describe_day",
    "invalidate_cache",
    "is_provisional",
    "is_provisional_between",
    "is_working_day",
    "next_working_day",
    "working_days_between",
    "working_days_range",
    "year_days",
]

VERSION_KEY = "workdays:calendar-version"
# A snapshot is reloaded at least this often even if no signal arrived, e.g. after
# a transaction that saved an override was rolled back.
MAX_SNAPSHOT_AGE = 600.0


@dataclass(frozen=True, slots=True)
class WorkdayResult:
    date: date
    provisional: bool


@dataclass(frozen=True, slots=True)
class DayInfo:
    date: date
    is_working_day: bool
    provisional: bool
    source: str  # "override", "official", "complete_year" or "assumed"
    note: str


class _Year:
    """One year's working days and provisional days as sorted ordinals."""

    __slots__ = ("provisional", "working")

    def __init__(self, working: list[int], provisional: list[int]) -> None:
        self.working = working
        self.provisional = provisional


def _official_year(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class _Snapshot:
    def __init__(
        self,
        *,
        version: str,
        overrides: dict[int, tuple[bool, str]],
        complete_years: frozenset[int],
    ) -> None:
        self.version = version
        self.overrides = overrides
        self.complete_years = complete_years
        self.loaded_at = time.monotonic()
        self._years: dict[int, _Year] = {}

    def describe(self, day: date) -> DayInfo:
        ordinal = day.toordinal()
        if ordinal in self.overrides:
            working, reason = self.overrides[ordinal]
            return DayInfo(day, working, False, "override", reason)
        if _official_year(day.year):
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
            return DayInfo(day, not on_holiday, False, "official", name or "")
        if day.year in self.complete_years:
            return DayInfo(day, day.weekday() < 5, False, "complete_year", "")
        holiday = statutory_holidays(day.year).get(day)
        working = day.weekday() < 5 and holiday is None
        note = f"{holiday}（按放假办法暂定）" if holiday else ""
        return DayInfo(day, working, True, "assumed", note)

    def year(self, year: int) -> _Year:
        data = self._years.get(year)
        if data is None:
            data = self._build(year)
            self._years[year] = data
        return data

    def _build(self, year: int) -> _Year:
        working: list[int] = []
        provisional: list[int] = []
        first = date(year, 1, 1).toordinal()
        last = date(year, 12, 31).toordinal()
        official = _official_year(year)
        complete = year in self.complete_years
        estimated = {} if official or complete else statutory_holidays(year)
        for ordinal in range(first, last + 1):
            override = self.overrides.get(ordinal)
            day = date.fromordinal(ordinal)
            if override is not None:
                is_working = override[0]
            elif official:
                is_working = chinese_calendar.is_workday(day)
            elif complete:
                is_working = day.weekday() < 5
            else:
                is_working = day.weekday() < 5 and day not in estimated
                provisional.append(ordinal)
            if is_working:
                working.append(ordinal)
        return _Year(working, provisional)


class _State:
    """This process's snapshot; shared by its threads (a lost race rebuilds twice)."""

    snapshot: _Snapshot | None = None
    checked_at: float = 0.0


_state = _State()
_lock = threading.Lock()


def _check_interval() -> float:
    return float(getattr(settings, "WORKDAYS_CACHE_CHECK_SECONDS", 5.0))


def _shared_version() -> str | None:
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:  # a cache outage must not stop deadlines being computed
        logger.warning("workday calendar: shared cache unavailable", exc_info=True)
        return None
    return version


def _load(version: str) -> _Snapshot:
    from .models import CalendarOverride, CalendarYear

    overrides = {
        day.toordinal(): (working, reason)
        for day, working, reason in CalendarOverride.objects.values_list(
            "date", "is_working_day", "reason"
        )
    }
    complete = frozenset(
        CalendarYear.objects.filter(is_complete=True).values_list("year", flat=True)
    )
    return _Snapshot(version=version, overrides=overrides, complete_years=complete)


def _snapshot() -> _Snapshot:
    snap = _state.snapshot
    now = time.monotonic()
    if snap is not None and now - _state.checked_at < _check_interval():
        return snap
    version = _shared_version()
    stale = snap is None or now - snap.loaded_at > MAX_SNAPSHOT_AGE
    if version is not None and snap is not None and snap.version != version:
        stale = True
    if stale:
        with _lock:
            snap = _load(version or uuid.uuid4().hex)
            _state.snapshot = snap
    _state.checked_at = now
    return snap


def clear_local_cache() -> None:
    """Forget this process's snapshot (the next call reloads from the database)."""
    _state.snapshot = None


def invalidate_cache() -> None:
    """Forget the snapshot here and tell every other process to reload."""
    clear_local_cache()
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.warning("workday calendar: could not bump the version", exc_info=True)


# --- the public API ---------------------------------------------------------------


def is_working_day(day: date) -> bool:
    working = _snapshot().year(day.year).working
    ordinal = day.toordinal()
    index = bisect_left(working, ordinal)
    return index < len(working) and working[index] == ordinal


def is_provisional(day: date) -> bool:
    """True when the day's status is assumed, not known from an official source."""
    provisional = _snapshot().year(day.year).provisional
    ordinal = day.toordinal()
    index = bisect_left(provisional, ordinal)
    return index < len(provisional) and provisional[index] == ordinal


def describe_day(day: date) -> DayInfo:
    """The day's status with where it comes from, for the admin calendar."""
    return _snapshot().describe(day)


def next_working_day(day: date, *, include_self: bool = True) -> date:
    """The first working day on or after `day` (after it when include_self=False)."""
    snap = _snapshot()
    after = day.toordinal() - (1 if include_self else 0)
    year = date.fromordinal(after).year if after > 0 else 1
    while True:
        working = snap.year(year).working
        index = bisect_right(working, after)
        if index < len(working):
            return date.fromordinal(working[index])
        year += 1


def add_working_days(start: date, days: int) -> WorkdayResult:
    """The `days`-th working day after `start` (start not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return WorkdayResult(start, False)
    snap = _snapshot()
    after = start.toordinal()
    year = start.year
    remaining = days
    while True:
        working = snap.year(year).working
        index = bisect_right(working, after)
        available = len(working) - index
        if remaining <= available:
            target = working[index + remaining - 1]
            break
        remaining -= available
        year += 1
    return WorkdayResult(
        date.fromordinal(target), _any_provisional(snap, start.toordinal(), target)
    )


def _any_provisional(snap: _Snapshot, after: int, until: int) -> bool:
    """Whether any day in (after, until] is provisional."""
    first_year = date.fromordinal(after + 1).year
    for year in range(first_year, date.fromordinal(until).year + 1):
        provisional = snap.year(year).provisional
        if bisect_right(provisional, until) - bisect_right(provisional, after):
            return True
    return False


def is_provisional_between(start: date, end: date) -> bool:
    """Whether any day in (start, end] is provisional."""
    if end <= start:
        return False
    return _any_provisional(_snapshot(), start.toordinal(), end.toordinal())


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start)
    snap = _snapshot()
    after, until = start.toordinal(), end.toordinal()
    count = 0
    for year in range(start.year, end.year + 1):
        working = snap.year(year).working
        count += bisect_right(working, until) - bisect_right(working, after)
    return count


def working_days_range(start: date, end: date) -> list[date]:
    """The working days in (start, end], in order ([] when end <= start)."""
    if end <= start:
        return []
    snap = _snapshot()
    after, until = start.toordinal(), end.toordinal()
    days: list[date] = []
    for year in range(start.year, end.year + 1):
        working = snap.year(year).working
        lo, hi = bisect_right(working, after), bisect_right(working, until)
        days.extend(date.fromordinal(o) for o in working[lo:hi])
    return days


def year_days(year: int) -> list[DayInfo]:
    """Every day of a year described, for the admin's year view."""
    snap = _snapshot()
    first = date(year, 1, 1)
    return [
        snap.describe(first + timedelta(days=offset))
        for offset in range((date(year, 12, 31) - first).days + 1)
    ]
