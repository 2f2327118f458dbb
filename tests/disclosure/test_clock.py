"""The statutory clock against China's official calendar (2025, 2026) and 2027.

Expected dates are counted by hand from the State Council's holiday notices:
国庆 2025: 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) working;
春节 2025: 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat) working;
春节 2026: 02-15..02-23 off, 02-14 (Sat) and 02-28 (Sat) working;
国庆 2026: 10-01..10-07 off, 09-20 (Sun) and 10-10 (Sat) working.
2027 is not published in the installed calendar: Monday to Friday less 1 January.
"""

from __future__ import annotations

from datetime import date

import pytest

from cms.disclosure import clock
from cms.disclosure.clock import ClockInput, ClockState, Pause

pytestmark = pytest.mark.django_db


def due(received: date, **kwargs) -> ClockState:
    return clock.compute(ClockInput(received_date=received, **kwargs))


@pytest.mark.parametrize(
    ("received_on", "received_date"),
    [
        (date(2025, 10, 3), date(2025, 10, 9)),  # 国庆 holiday
        (date(2025, 9, 28), date(2025, 9, 28)),  # 调休 Sunday is a working day
        (date(2025, 10, 12), date(2025, 10, 13)),  # ordinary Sunday
        (date(2025, 1, 25), date(2025, 1, 26)),  # Saturday -> 调休 Sunday
        (date(2026, 2, 21), date(2026, 2, 24)),  # 春节 2026
        (date(2026, 9, 19), date(2026, 9, 20)),  # Saturday -> 调休 Sunday
        (date(2027, 1, 1), date(2027, 1, 4)),  # provisional year: 1 January off
    ],
)
def test_received_on_a_day_off_counts_from_the_next_working_day(
    received_on, received_date
):
    assert clock.received_date_for(received_on) == received_date


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (date(2025, 9, 30), date(2025, 11, 4)),  # across 国庆 2025 and 10-11 调休
        (date(2025, 10, 9), date(2025, 11, 5)),
        (date(2025, 9, 28), date(2025, 10, 31)),
        (date(2025, 1, 26), date(2025, 2, 28)),  # across 春节 2025 and 02-08 调休
        (date(2026, 2, 13), date(2026, 3, 19)),  # across 春节 2026, 02-14/02-28 调休
        (date(2026, 9, 30), date(2026, 11, 3)),  # across 国庆 2026 and 10-10 调休
    ],
)
def test_due_on_the_20th_working_day_after_receipt(received, expected):
    assert due(received) == ClockState(
        start_date=received,
        due_date=expected,
        provisional=False,
        stopped=False,
        paused_days=0,
        extension_days=0,
    )


def test_a_due_date_in_an_unpublished_year_is_provisional():
    # 2026-12-10: 15 working days left in 2026, then 2027-01-04..08 (1 January off).
    assert due(date(2026, 12, 10)) == ClockState(
        date(2026, 12, 10), date(2027, 1, 8), True, False, 0, 0
    )
    assert due(date(2026, 11, 2)).provisional is False


def test_correction_stops_the_clock_until_the_corrected_application_arrives():
    waiting = due(date(2025, 9, 30), correction_requested_on=date(2025, 10, 10))
    assert waiting == ClockState(None, None, False, True, 0, 0)


def test_correction_restarts_the_clock_in_full():
    # Corrected application arrives on Saturday 2025-10-18: counts from Monday 10-20.
    restart = clock.received_date_for(date(2025, 10, 18))
    assert restart == date(2025, 10, 20)
    assert due(
        date(2025, 9, 30),
        correction_requested_on=date(2025, 10, 10),
        correction_restart_date=restart,
    ) == ClockState(date(2025, 10, 20), date(2025, 11, 17), False, False, 0, 0)


def test_correction_deadline_is_the_7th_working_day_after_receipt():
    # 10-09, 10-10, 10-11 (调休 Saturday), 10-13 .. 10-16.
    assert clock.correction_deadline(date(2025, 9, 30)).date == date(2025, 10, 16)


def test_extension_adds_working_days_after_the_due_date():
    assert due(date(2025, 9, 30), extension_days=20) == ClockState(
        date(2025, 9, 30), date(2025, 12, 2), False, False, 0, 20
    )


def test_third_party_consultation_days_are_not_counted():
    # Working days in (10-13, 10-17]: 4.
    pause = Pause("third_party", date(2025, 10, 13), date(2025, 10, 17))
    assert due(date(2025, 9, 30), pauses=(pause,)) == ClockState(
        date(2025, 9, 30), date(2025, 11, 10), False, False, 4, 0
    )


def test_third_party_consultation_counts_at_most_15_working_days():
    long = Pause("third_party", date(2025, 10, 13), date(2025, 12, 31))
    still_open = Pause("third_party", date(2025, 10, 13))
    expected = ClockState(date(2025, 9, 30), date(2025, 11, 25), False, False, 15, 0)
    assert due(date(2025, 9, 30), pauses=(long,)) == expected
    assert due(date(2025, 9, 30), pauses=(still_open,)) == expected


def test_agency_consultation_is_not_counted_and_stops_the_clock_while_open():
    # Working days in (10-13, 10-24]: 9.
    ended = Pause("agency", date(2025, 10, 13), date(2025, 10, 24))
    assert due(date(2025, 9, 30), pauses=(ended,)).due_date == date(2025, 11, 17)
    still_open = Pause("agency", date(2025, 10, 13))
    assert due(date(2025, 9, 30), pauses=(still_open,)) == ClockState(
        date(2025, 9, 30), None, False, True, 0, 0
    )


def test_pause_extension_and_holidays_combine():
    pause = Pause("third_party", date(2025, 10, 13), date(2025, 10, 17))
    # 20 + 4 + 10 = 34 working days after 2025-09-30.
    state = due(date(2025, 9, 30), pauses=(pause,), extension_days=10)
    assert state.due_date == date(2025, 11, 24)
    assert (state.paused_days, state.extension_days) == (4, 10)


def test_pause_before_a_correction_restart_is_not_counted():
    pause = Pause("third_party", date(2025, 10, 9), date(2025, 10, 10))
    state = due(
        date(2025, 9, 30),
        correction_requested_on=date(2025, 10, 10),
        correction_restart_date=date(2025, 10, 20),
        pauses=(pause,),
    )
    assert (state.due_date, state.paused_days) == (date(2025, 11, 17), 0)


def test_working_days_left_and_due_soon():
    assert clock.working_days_left(date(2025, 10, 9), date(2025, 9, 30)) == 1
    assert clock.working_days_left(date(2025, 9, 30), date(2025, 10, 9)) == -1
    assert clock.working_days_left(date(2025, 10, 9), date(2025, 10, 9)) == 0
    # 5 working days after 2025-09-29: 09-30, 10-09, 10-10, 10-11, 10-13.
    assert clock.due_soon_limit(date(2025, 9, 29)) == date(2025, 10, 13)
