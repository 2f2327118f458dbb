"""Every receipt date of 2025 and 2026 against an independent reference.

The reference knows nothing of the code under test or of chinesecalendar: it is the
State Council's two holiday notices typed in by hand, and a plain day-by-day loop
that counts the working days after the receipt date (the date itself not counted,
条例第三十条、第三十三条 with 民法典第二百零一条).

国办发明电〔2024〕12号 (2025): 元旦 01-01; 春节 01-28..02-04, work 01-26 (Sun) and
02-08 (Sat); 清明 04-04..06; 劳动节 05-01..05, work 04-27 (Sun); 端午 05-31..06-02;
国庆·中秋 10-01..08, work 09-28 (Sun) and 10-11 (Sat).
国办发明电〔2025〕7号 (2026): 元旦 01-01..03, work 01-04 (Sun); 春节 02-15..23, work
02-14 (Sat) and 02-28 (Sat); 清明 04-04..06; 劳动节 05-01..05, work 05-09 (Sat);
端午 06-19..21; 中秋 09-25..27; 国庆 10-01..07, work 09-20 (Sun) and 10-10 (Sat).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cms.disclosure import clock
from cms.disclosure.clock import ClockInput
from cms.workdays.calendar import WorkdayResult

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def _span(first: str, last: str | None = None) -> list[date]:
    start = date.fromisoformat(first)
    end = date.fromisoformat(last or first)
    return [start + DAY * n for n in range((end - start).days + 1)]


DAYS_OFF = {
    *_span("2025-01-01"),
    *_span("2025-01-28", "2025-02-04"),
    *_span("2025-04-04", "2025-04-06"),
    *_span("2025-05-01", "2025-05-05"),
    *_span("2025-05-31", "2025-06-02"),
    *_span("2025-10-01", "2025-10-08"),
    *_span("2026-01-01", "2026-01-03"),
    *_span("2026-02-15", "2026-02-23"),
    *_span("2026-04-04", "2026-04-06"),
    *_span("2026-05-01", "2026-05-05"),
    *_span("2026-06-19", "2026-06-21"),
    *_span("2026-09-25", "2026-09-27"),
    *_span("2026-10-01", "2026-10-07"),
}
WORKING_WEEKENDS = {
    date.fromisoformat(day)
    for day in (
        "2025-01-26",
        "2025-02-08",
        "2025-04-27",
        "2025-09-28",
        "2025-10-11",
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    )
}
FIRST, LAST = date(2025, 1, 1), date(2026, 12, 31)
ALL_DAYS = _span("2025-01-01", "2026-12-31")


def reference_working(day: date) -> bool:
    assert FIRST <= day <= LAST, "the reference only knows 2025 and 2026"
    return day in WORKING_WEEKENDS or (day.weekday() < 5 and day not in DAYS_OFF)


def reference_after(day: date, count: int) -> date | None:
    """The count-th working day after ``day``; None past the end of 2026."""
    while count:
        day += DAY
        if day > LAST:
            return None
        count -= reference_working(day)
    return day


def test_the_reference_itself():
    # 2025 and 2026 have 248 working days each: 261 weekdays, less 18 and 19
    # holidays on weekdays, plus 5 and 6 working weekend days.
    assert sum(map(reference_working, _span("2025-01-01", "2025-12-31"))) == 248
    assert sum(map(reference_working, _span("2026-01-01", "2026-12-31"))) == 248
    days_off = [day for day in ALL_DAYS if not reference_working(day)]
    assert len(days_off) == 234
    # The issue counted the days off whose deadline is still inside the published
    # calendar (a receipt on a December 2026 weekend is due in 2027): 226.
    assert sum(reference_after(day, 20) is not None for day in days_off) == 226


def test_every_receipt_date_of_2025_and_2026():
    checked = 0
    for received in ALL_DAYS:
        expected_due = reference_after(received, 20)
        state = clock.compute(ClockInput(received_date=received))
        assert state.start_date == received
        if expected_due is None:
            assert state.due_date.year == 2027 and state.provisional, received
        else:
            assert (state.due_date, state.provisional) == (expected_due, False), (
                received
            )
            checked += 1

        expected_correction = reference_after(received, 7)
        if expected_correction is not None:
            assert clock.correction_deadline(received) == WorkdayResult(
                expected_correction, False
            ), received

        expected_extended = reference_after(received, 40)
        if expected_extended is not None:
            extended = clock.compute(
                ClockInput(received_date=received, extension_days=20)
            )
            assert extended.due_date == expected_extended, received

        # The same day as the arrival of a corrected application (第三十条).
        if expected_due is not None:
            restarted = clock.compute(
                ClockInput(
                    received_date=FIRST,
                    correction_requested_on=FIRST,
                    correction_restart_date=received,
                )
            )
            assert restarted.due_date == expected_due, received
    # Receipts from 2026-12-04 on (28 days) are due in 2027: 12-04 .. 12-31 holds
    # only 19 working days after 12-04.
    assert checked == len(ALL_DAYS) - 28


def test_every_online_acknowledgement_of_2025_and_2026():
    for submitted in ALL_DAYS[:-1]:
        expected = submitted
        while not reference_working(expected):
            expected += DAY
        assert clock.acknowledgement_date(submitted) == expected, submitted


def paper(day: date, key: str, user):
    from cms.disclosure import services

    from .conftest import RESIDENT_ID

    return services.register_paper_application(
        data={
            "applicant_type": "natural_person",
            "name": "王秀英",
            "id_type": "resident_id",
            "id_number": RESIDENT_ID,
            "phone": "021-64123456",
            "email": "",
            "address": "上海市闵行区莘庄镇莘建路1号",
            "description": "本区2024年度征地养老人员生活费调整的文件",
            "delivery_method": "paper",
            "idempotency_key": key,
        },
        channel="post",
        received_on=day,
        user=user,
    ).application


def test_every_letter_of_2025_and_2026_through_the_intake(clerk):
    """The receipt rule itself: a letter is received on the day signed for."""
    from cms.disclosure import services

    for received in ALL_DAYS:
        application = paper(received, f"reference-{received}", clerk)
        assert application.received_date == received
        expected = reference_after(received, 20)
        if expected is not None:
            assert application.due_date == expected, received
        if expected is None or received > timezone.localdate():
            continue  # (a corrected application cannot be logged in the future)
        # The corrected application arriving on this day restarts the clock.
        restarted = paper(date(2024, 12, 31), f"restart-{received}", clerk)
        services.request_correction(
            application=restarted, user=clerk, text="补正", on=date(2024, 12, 31)
        )
        restarted = services.receive_correction(
            application=restarted, user=clerk, on=received
        )
        assert restarted.due_date == expected, received
