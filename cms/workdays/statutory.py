"""The national public holidays of a year, from the law alone (no 调休 known).

For a year whose holiday arrangement the State Council has not yet published, the
calendar estimates its days off from 《全国年节及纪念日放假办法》 as revised on
2024-11-10 (国务院令第795号, in force from 2025-01-01):

- 第二条 全体公民放假的节日: 元旦 1 day (1 January); 春节 4 days (农历除夕 and
  正月初一至初三); 清明节 1 day (the day of the 清明 solar term); 劳动节 2 days
  (1 and 2 May); 端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五);
  国庆节 3 days (1 to 3 October).
- 第六条: a holiday falling on a Saturday or Sunday is made up on a working day
  (补假); here the first following weekday that is not itself a holiday.
- 第七条 lets the State Council swap working days (调休) to form longer breaks; those
  swaps are published year by year and cannot be derived, so they are not estimated.
  They move days off without changing how many there are, which keeps a 20-day count
  close to the real one. Every day of such a year stays *provisional*.

Lunar dates and the 清明 solar term come from the ``lunar-python`` package (computed
locally, nothing is downloaded).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Lunar

__all__ = ["statutory_holidays"]

NEW_YEAR = "元旦"
SPRING_FESTIVAL = "春节"
QINGMING = "清明节"
LABOUR_DAY = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL_DAY = "国庆节"
MAKE_UP = "补假"


def _lunar(year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> date:
    # The 节气 table of the lunar year that begins in this solar year's spring.
    solar = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _festivals(year: int) -> list[tuple[date, str]]:
    """第二条's holidays of the solar year ``year``, one entry per holiday day."""
    days = [(date(year, 1, 1), NEW_YEAR)]
    # 除夕 is the last day of the lunar year, the day before 正月初一; the 春节 of
    # the lunar year that starts in `year` always lies in January or February.
    new_year = _lunar(year, 1, 1)
    days += [(new_year + timedelta(days=n), SPRING_FESTIVAL) for n in range(-1, 3)]
    days.append((_qingming(year), QINGMING))
    days += [(date(year, 5, 1), LABOUR_DAY), (date(year, 5, 2), LABOUR_DAY)]
    days.append((_lunar(year, 5, 5), DRAGON_BOAT))
    days += [(date(year, 10, n), NATIONAL_DAY) for n in (1, 2, 3)]
    days.append((_lunar(year, 8, 15), MID_AUTUMN))
    return [(day, name) for day, name in days if day.year == year]


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[date, str]:
    """The days off of ``year`` by the 办法: its holidays and their 补假 days.

    Maps each holiday day to its name, weekend days included (they are off either
    way). A holiday on a Saturday or Sunday, or on a day another holiday already
    takes (中秋 on 1-3 October, as in 2028), is made up on the first weekday after
    it not already off, named "<holiday>补假" (第六条; in 2020, when 中秋 fell on
    1 October, the State Council likewise gave both holidays their own day).
    """
    days: dict[date, str] = {}
    owed: list[tuple[date, str]] = []
    for day, name in sorted(_festivals(year), key=lambda entry: entry[0]):
        if day in days:
            days[day] = f"{days[day]}、{name}"
            owed.append((day, name))
            continue
        days[day] = name
        if day.weekday() >= 5:
            owed.append((day, name))
    for day, name in owed:
        make_up = day + timedelta(days=1)
        while make_up.weekday() >= 5 or make_up in days:
            make_up += timedelta(days=1)
        if make_up.year == year:
            days[make_up] = f"{name}{MAKE_UP}"
    return days
