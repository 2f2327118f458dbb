"""The working-day calendar: official holidays with 调休, overrides, provisional years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.cache import cache

from cms.workdays import calendar
from cms.workdays.calendar import (
    WorkdayResult,
    add_working_days,
    is_provisional,
    is_provisional_between,
    is_working_day,
    next_working_day,
    working_days_between,
    working_days_range,
)
from cms.workdays.models import CalendarOverride, CalendarYear
from tests.factories.records import CalendarOverrideFactory

pytestmark = pytest.mark.django_db

D = date


def test_package_knows_2026_but_not_2027():
    # chinesecalendar 1.11 ends with 2026: 2027 is the first provisional year.
    assert not is_provisional(D(2026, 12, 31))
    assert is_provisional(D(2027, 1, 4))
    assert is_provisional(D(2031, 6, 2))


def test_national_day_2025_with_its_adjusted_weekends():
    # 1-8 October off; Sunday 28 September and Saturday 11 October are working days.
    assert [is_working_day(D(2025, 10, day)) for day in range(1, 9)] == [False] * 8
    assert is_working_day(D(2025, 9, 28))  # Sunday
    assert is_working_day(D(2025, 10, 11))  # Saturday
    assert not is_working_day(D(2025, 10, 12))  # plain Sunday
    assert working_days_range(D(2025, 9, 26), D(2025, 10, 14)) == [
        D(2025, 9, 28),
        D(2025, 9, 29),
        D(2025, 9, 30),
        D(2025, 10, 9),
        D(2025, 10, 10),
        D(2025, 10, 11),
        D(2025, 10, 13),
        D(2025, 10, 14),
    ]
    # Received Friday 26 September: the 20th working day is Thursday 30 October.
    assert add_working_days(D(2025, 9, 26), 20) == WorkdayResult(D(2025, 10, 30), False)
    assert working_days_between(D(2025, 9, 26), D(2025, 10, 30)) == 20
    assert working_days_between(D(2025, 10, 30), D(2025, 9, 26)) == -20
    assert working_days_between(D(2025, 10, 1), D(2025, 10, 8)) == 0


def test_spring_festival_2025():
    # 28 January - 4 February off; Sunday 26 January and Saturday 8 February work.
    assert is_working_day(D(2025, 1, 26))
    assert is_working_day(D(2025, 2, 8))
    assert not any(
        is_working_day(D(2025, 1, 28) + (D(2025, 1, 2) - D(2025, 1, 1)) * i)
        for i in range(8)
    )
    assert working_days_range(D(2025, 1, 24), D(2025, 2, 10)) == [
        D(2025, 1, 26),
        D(2025, 1, 27),
        D(2025, 2, 5),
        D(2025, 2, 6),
        D(2025, 2, 7),
        D(2025, 2, 8),
        D(2025, 2, 10),
    ]
    assert add_working_days(D(2025, 1, 24), 20) == WorkdayResult(D(2025, 2, 27), False)


def test_spring_festival_2026():
    # 15-23 February off; Saturdays 14 and 28 February work.
    assert is_working_day(D(2026, 2, 14))
    assert is_working_day(D(2026, 2, 28))
    assert [is_working_day(D(2026, 2, day)) for day in range(15, 24)] == [False] * 9
    assert add_working_days(D(2026, 2, 13), 1) == WorkdayResult(D(2026, 2, 14), False)
    assert add_working_days(D(2026, 2, 13), 2) == WorkdayResult(D(2026, 2, 24), False)
    assert add_working_days(D(2026, 2, 13), 20) == WorkdayResult(D(2026, 3, 19), False)


def test_received_on_a_non_working_day_counts_from_the_next_working_day():
    assert next_working_day(D(2025, 11, 15)) == D(2025, 11, 17)  # Saturday -> Monday
    assert next_working_day(D(2025, 11, 17)) == D(2025, 11, 17)
    assert next_working_day(D(2025, 11, 17), include_self=False) == D(2025, 11, 18)
    # A Saturday before the 调休 Sunday of National Day 2025.
    assert next_working_day(D(2025, 9, 27)) == D(2025, 9, 28)
    assert next_working_day(D(2025, 10, 4)) == D(2025, 10, 9)
    # Across the year end into the provisional year (1 January assumed off).
    assert next_working_day(D(2026, 12, 31), include_self=False) == D(2027, 1, 4)


def test_zero_and_negative_day_counts():
    assert add_working_days(D(2025, 10, 4), 0) == WorkdayResult(D(2025, 10, 4), False)
    with pytest.raises(ValueError):
        add_working_days(D(2025, 10, 4), -1)
    assert working_days_range(D(2025, 10, 14), D(2025, 10, 13)) == []


def test_provisional_year_estimates_the_national_holidays_and_says_so():
    # 2027 by 《全国年节及纪念日放假办法》 (2024) alone, dates from published lunar
    # calendars: 除夕 2027-02-05 (Fri), 正月初一 02-06; 清明 04-05 (Mon); 端午 06-09
    # (Wed); 中秋 09-15 (Wed). Holidays on a weekend are made up (第六条): 春节
    # 02-06/07 -> 02-09/10, 劳动节 05-01/02 -> 05-03/04, 国庆 10-02/03 -> 10-04/05.
    days_off = [
        D(2027, 1, 1),
        D(2027, 2, 5),
        D(2027, 2, 8),
        D(2027, 2, 9),
        D(2027, 2, 10),
        D(2027, 4, 5),
        D(2027, 5, 3),
        D(2027, 5, 4),
        D(2027, 6, 9),
        D(2027, 9, 15),
        D(2027, 10, 1),
        D(2027, 10, 4),
        D(2027, 10, 5),
    ]
    for day in days_off:
        assert not is_working_day(day), day
        assert is_provisional(day)
    assert is_working_day(D(2027, 2, 11))  # Thursday after the 春节 break
    assert is_working_day(D(2027, 10, 6))  # no Golden Week 调休 is guessed
    assert not is_working_day(D(2027, 2, 6))  # Saturday
    # 2027 starts on a Friday: 52 weeks and a day, 261 weekdays, less 13 days off.
    assert working_days_between(D(2026, 12, 31), D(2027, 12, 31)) == 248
    assert add_working_days(D(2027, 9, 30), 1) == WorkdayResult(D(2027, 10, 6), True)
    # Counted from December 2026 across 1 January 2027.
    assert add_working_days(D(2026, 12, 17), 10) == WorkdayResult(
        D(2026, 12, 31), False
    )
    assert add_working_days(D(2026, 12, 17), 20) == WorkdayResult(D(2027, 1, 15), True)
    assert is_provisional_between(D(2026, 12, 17), D(2026, 12, 31)) is False
    assert is_provisional_between(D(2026, 12, 17), D(2027, 1, 1)) is True
    assert working_days_between(D(2026, 12, 31), D(2027, 1, 8)) == 5


def test_estimate_of_2028_makes_up_weekend_and_coinciding_holidays():
    # 2028: 元旦 on Saturday -> Monday 01-03; 除夕 01-25 (Tue) to 初三 01-28 (Fri);
    # 清明 04-04 (Tue); 劳动节 05-01/02 (Mon/Tue); 端午 05-28 (Sun) -> 05-29;
    # 国庆 10-01 (Sun) -> 10-04, and 中秋 on 10-03 shares a day with 国庆 -> 10-05.
    expected_off = {
        D(2028, 1, 3),
        *(D(2028, 1, day) for day in (25, 26, 27, 28)),
        D(2028, 4, 4),
        D(2028, 5, 1),
        D(2028, 5, 2),
        D(2028, 5, 29),
        *(D(2028, 10, day) for day in (2, 3, 4, 5)),
    }
    weekdays = [
        D(2028, 1, 1) + timedelta(days=n)
        for n in range(366)
        if (D(2028, 1, 1) + timedelta(days=n)).weekday() < 5
    ]
    assert {day for day in weekdays if not is_working_day(day)} == expected_off
    assert (
        calendar.describe_day(D(2028, 10, 3)).note == "国庆节、中秋节（按放假办法暂定）"
    )
    assert calendar.describe_day(D(2028, 10, 5)).note == "中秋节补假（按放假办法暂定）"


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_estimate_agrees_with_the_published_years_where_it_can(year):
    """The law's holidays of a published year are all days off in its notice.

    Hand-checked: 2025 春节 01-28..02-04, 清明 04-04, 劳动节 05-01..05, 端午 05-31..
    06-02, 国庆/中秋 10-01..08; 2026 元旦 01-01..03, 春节 02-15..23, 清明 04-04..06,
    劳动节 05-01..05, 端午 06-19..21, 中秋 09-25..27, 国庆 10-01..07.
    """
    import chinese_calendar

    from cms.workdays.statutory import statutory_holidays

    estimated = statutory_holidays(year)
    assert len([day for day in estimated if "补假" not in estimated[day]]) == 13
    for day in estimated:
        assert chinese_calendar.is_holiday(day), (day, estimated[day])


def test_override_turns_a_day_off_and_on_and_is_seen_at_once():
    assert next_working_day(D(2025, 11, 15)) == D(2025, 11, 17)
    closure = CalendarOverrideFactory(
        date=D(2025, 11, 17), is_working_day=False, reason="台风停工"
    )
    assert not is_working_day(D(2025, 11, 17))
    assert next_working_day(D(2025, 11, 15)) == D(2025, 11, 18)
    CalendarOverrideFactory(date=D(2025, 11, 15), is_working_day=True, reason="补班")
    assert next_working_day(D(2025, 11, 15)) == D(2025, 11, 15)
    assert add_working_days(D(2025, 11, 14), 2) == WorkdayResult(D(2025, 11, 18), False)
    closure.delete()
    assert add_working_days(D(2025, 11, 14), 2) == WorkdayResult(D(2025, 11, 17), False)


def test_overridden_day_in_a_provisional_year_is_exact_but_the_count_is_not():
    CalendarOverrideFactory(date=D(2027, 3, 8), is_working_day=False)
    assert not is_working_day(D(2027, 3, 8))
    assert not is_provisional(D(2027, 3, 8))
    assert is_provisional(D(2027, 3, 9))
    assert add_working_days(D(2027, 3, 5), 1) == WorkdayResult(D(2027, 3, 9), True)
    # An override also beats the estimate: the office announces 2027-02-09 working.
    CalendarOverrideFactory(date=D(2027, 2, 9), is_working_day=True)
    assert is_working_day(D(2027, 2, 9))
    assert add_working_days(D(2027, 2, 5), 1) == WorkdayResult(D(2027, 2, 9), True)


def test_a_year_marked_complete_is_exact():
    # The office enters 2027's arrangement (an invented one) and marks the year.
    for day in (D(2027, 1, 1), D(2027, 2, 10), D(2027, 2, 11), D(2027, 2, 12)):
        CalendarOverrideFactory(date=day, is_working_day=False)
    CalendarOverrideFactory(date=D(2027, 2, 20), is_working_day=True)
    assert add_working_days(D(2027, 2, 5), 5).provisional is True
    CalendarYear.objects.create(year=2027, is_complete=True, source="国办通知")
    assert not is_provisional(D(2027, 10, 1))
    assert is_working_day(D(2027, 10, 1))  # no assumed holiday in a complete year
    # 8, 9, (10-12 off), 15, 16, 17 February
    assert add_working_days(D(2027, 2, 5), 5) == WorkdayResult(D(2027, 2, 17), False)
    assert working_days_range(D(2027, 2, 18), D(2027, 2, 22)) == [
        D(2027, 2, 19),
        D(2027, 2, 20),
        D(2027, 2, 22),
    ]
    assert add_working_days(D(2026, 12, 17), 20) == WorkdayResult(D(2027, 1, 15), False)
    # 2028 stays provisional.
    assert add_working_days(D(2027, 12, 30), 2).provisional is True


def test_describe_day_names_the_source():
    CalendarOverrideFactory(date=D(2025, 11, 17), reason="台风停工")
    assert calendar.describe_day(D(2025, 11, 17)) == calendar.DayInfo(
        D(2025, 11, 17), False, False, "override", "台风停工"
    )
    assert calendar.describe_day(D(2025, 10, 11)) == calendar.DayInfo(
        D(2025, 10, 11), True, False, "official", "National Day"
    )
    assert calendar.describe_day(D(2027, 1, 1)) == calendar.DayInfo(
        D(2027, 1, 1), False, True, "assumed", "元旦（按放假办法暂定）"
    )
    assert calendar.describe_day(D(2027, 1, 4)) == calendar.DayInfo(
        D(2027, 1, 4), True, True, "assumed", ""
    )
    assert len(calendar.year_days(2028)) == 366


def test_many_due_dates_cost_one_load(django_assert_max_num_queries):
    calendar.invalidate_cache()
    with django_assert_max_num_queries(2):
        for offset in range(500):
            add_working_days(
                D(2025, 1, 1) + (D(2025, 1, 2) - D(2025, 1, 1)) * offset, 20
            )


def test_other_processes_reload_when_the_shared_version_changes(settings):
    override = CalendarOverrideFactory(date=D(2025, 11, 17))
    assert not is_working_day(D(2025, 11, 17))
    # A change this process sends no signal for, as if made by another process.
    CalendarOverride.objects.filter(pk=override.pk).update(is_working_day=True)
    assert not is_working_day(D(2025, 11, 17))
    # The other process commits and bumps the shared version...
    settings.WORKDAYS_CACHE_CHECK_SECONDS = 3600
    is_working_day(D(2025, 11, 17))  # stamps the check time
    cache.set(calendar.VERSION_KEY, "from-another-process", timeout=None)
    # ...which a process checking hourly does not see yet,
    assert not is_working_day(D(2025, 11, 17))
    # and one checking on every call sees at once.
    settings.WORKDAYS_CACHE_CHECK_SECONDS = 0
    assert is_working_day(D(2025, 11, 17))


def test_saving_an_override_bumps_the_shared_version_on_commit(
    django_capture_on_commit_callbacks,
):
    is_working_day(D(2025, 11, 17))
    before = cache.get(calendar.VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        CalendarOverrideFactory(date=D(2025, 11, 17))
    assert calendar.invalidate_cache in callbacks
    assert cache.get(calendar.VERSION_KEY) not in (None, before)


def test_cache_outage_does_not_stop_the_calendar(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    # A stand-in for a Redis outage, which cannot be produced here otherwise.
    monkeypatch.setattr(calendar.cache, "get", broken)
    calendar.clear_local_cache()
    assert add_working_days(D(2025, 9, 26), 20) == WorkdayResult(D(2025, 10, 30), False)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_whole_years_agree_with_the_package(year):
    import chinese_calendar

    expected = chinese_calendar.get_workdays(D(year, 1, 1), D(year, 12, 31))
    assert working_days_range(D(year - 1, 12, 31), D(year, 12, 31)) == expected
    assert working_days_between(D(year - 1, 12, 31), D(year, 12, 31)) == len(expected)
