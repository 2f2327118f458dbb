"""The statutory clock against China's official calendar (2025, 2026) and 2027.

The receipt date is the day itself (条例第三十一条), never moved to a working day,
and the periods count the working days after it.

Expected dates are counted by hand from the State Council's holiday notices:
国庆 2025: 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) working;
春节 2025: 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat) working;
春节 2026: 02-15..02-23 off, 02-14 (Sat) and 02-28 (Sat) working;
国庆 2026: 10-01..10-07 off, 09-20 (Sun) and 10-10 (Sat) working.
2027 is not published in the installed calendar: it is estimated from the
《全国年节及纪念日放假办法》 (元旦 2027-01-01 is a day off).
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
    ("submitted_on", "acknowledged_on"),
    [
        (date(2025, 10, 3), date(2025, 10, 9)),  # 国庆 holiday
        (date(2025, 9, 28), date(2025, 9, 28)),  # 调休 Sunday is a working day
        (date(2025, 10, 12), date(2025, 10, 13)),  # ordinary Sunday
        (date(2025, 1, 25), date(2025, 1, 26)),  # Saturday -> 调休 Sunday
        (date(2026, 2, 21), date(2026, 2, 24)),  # 春节 2026
        (date(2026, 9, 19), date(2026, 9, 20)),  # Saturday -> 调休 Sunday
        (date(2027, 1, 1), date(2027, 1, 4)),  # provisional year: 元旦 off
        (date(2025, 10, 14), date(2025, 10, 14)),  # a working day: at once
    ],
)
def test_an_online_application_is_acknowledged_on_the_first_working_day(
    submitted_on, acknowledged_on
):
    assert clock.acknowledgement_date(submitted_on) == acknowledged_on


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # The example: a letter signed for on 元旦 2025. Working days
        # after it: 01-02, 01-03, 01-06..10, 01-13..17, 01-20..24 (17), 01-26 (调休
        # Sunday), 01-27, then 春节 01-28..02-04 off: the 20th is 02-05.
        (date(2025, 1, 1), date(2025, 2, 5)),
        # Saturday of 国庆 2025: 10-09, 10-10, 10-11 (调休), 10-13..17, 10-20..24,
        # 10-27..31 (18), 11-03, 11-04.
        (date(2025, 10, 4), date(2025, 11, 4)),
        # An ordinary Sunday: 10-13..17, 10-20..24, 10-27..31, 11-03..07.
        (date(2025, 10, 12), date(2025, 11, 7)),
        # Saturday in 春节 2026: 02-24..27, 02-28 (调休), 03-02..06, 03-09..13,
        # 03-16..20.
        (date(2026, 2, 21), date(2026, 3, 20)),
        (date(2025, 9, 30), date(2025, 11, 4)),  # across 国庆 2025 and 10-11 调休
        (date(2025, 10, 9), date(2025, 11, 5)),
        (date(2025, 9, 28), date(2025, 10, 31)),
        (date(2025, 1, 26), date(2025, 2, 28)),  # across 春节 2025 and 02-08 调休
        (date(2026, 2, 13), date(2026, 3, 19)),  # across 春节 2026, 02-14/02-28 调休
        (date(2026, 9, 30), date(2026, 11, 3)),  # across 国庆 2026 and 10-10 调休
    ],
)
def test_due_on_the_20th_working_day_after_the_receipt_date(received, expected):
    assert due(received) == ClockState(
        start_date=received,
        due_date=expected,
        provisional=False,
        stopped=False,
        paused_days=0,
        extension_days=0,
    )


def test_no_receipt_date_no_clock():
    # An online application submitted on a day off, not yet acknowledged.
    assert clock.compute(ClockInput(received_date=None)) == ClockState(
        None, None, False, False, 0, 0, awaiting_receipt=True
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


def test_correction_restarts_the_clock_in_full_from_the_day_it_arrives():
    # The corrected application arrives on Saturday 2025-10-18; that day is not
    # counted and not moved: 10-20..24, 10-27..31, 11-03..07, 11-10..14.
    assert due(
        date(2025, 9, 30),
        correction_requested_on=date(2025, 10, 10),
        correction_restart_date=date(2025, 10, 18),
    ) == ClockState(date(2025, 10, 18), date(2025, 11, 14), False, False, 0, 0)


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        # 10-09, 10-10, 10-11 (调休 Saturday), 10-13 .. 10-16.
        (date(2025, 9, 30), date(2025, 10, 16)),
        # Signed for on 元旦 2025: 01-02, 01-03, 01-06 .. 01-10.
        (date(2025, 1, 1), date(2025, 1, 10)),
        # Sunday 2025-10-12: 10-13 .. 10-17, 10-20, 10-21.
        (date(2025, 10, 12), date(2025, 10, 21)),
    ],
)
def test_correction_deadline_is_the_7th_working_day_after_receipt(received, deadline):
    assert clock.correction_deadline(received).date == deadline


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


def test_overlapping_consultations_count_each_day_once():
    # Third party (10-13, 10-17]: 4 working days; agency (10-15, 10-24]: 7; together
    # (10-13, 10-24]: 10-14..17, 10-20..24 = 9, not 11. 20 + 9 = 29 working days
    # after 09-30: 10-09..11 (3), 10-13..17 (8), 10-20..24, 10-27..31, 11-03..07,
    # 11-10..14 (28), 11-17.
    third = Pause("third_party", date(2025, 10, 13), date(2025, 10, 17))
    agency = Pause("agency", date(2025, 10, 15), date(2025, 10, 24))
    state = due(date(2025, 9, 30), pauses=(third, agency))
    assert (state.due_date, state.paused_days) == (date(2025, 11, 17), 9)
    assert due(date(2025, 9, 30), pauses=(agency, third)) == state
    # One consultation inside another adds nothing: the third party's 15-day limit
    # from 10-13 ends on 11-03; 20 + 15 = 35 working days after 09-30 -> 11-25.
    long = Pause("third_party", date(2025, 10, 13), date(2025, 12, 31))
    inside = Pause("agency", date(2025, 10, 20), date(2025, 10, 24))
    state = due(date(2025, 9, 30), pauses=(long, inside))
    assert (state.due_date, state.paused_days) == (date(2025, 11, 25), 15)
    # Two consultations that only touch: (10-13, 10-17] and (10-17, 10-21] -> 4 + 2.
    after = Pause("third_party", date(2025, 10, 17), date(2025, 10, 21))
    assert due(date(2025, 9, 30), pauses=(third, after)).paused_days == 6
    # An open agency consultation still stops the clock alongside the others.
    still_open = Pause("agency", date(2025, 10, 16))
    state = due(date(2025, 9, 30), pauses=(third, still_open))
    assert (state.due_date, state.stopped, state.paused_days) == (None, True, 4)


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
