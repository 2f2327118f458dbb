"""The question clock: 5 working days (target) and 3 calendar months (inspection)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.questions.admin_views import filter_by_clock
from cms.questions.deadlines import ClockState, add_months, question_clock
from cms.questions.models import Question, QuestionStatus

# March 2026 has no public holidays; the official 2026 calendar (chinesecalendar) applies.
MON = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def d(month: int, day: int, year: int = 2026) -> datetime.date:
    return datetime.date(year, month, day)


@pytest.mark.parametrize(
    ("today", "answered", "expected_age", "expected_state"),
    [
        (d(3, 4), None, 2, ClockState.ON_TIME),
        (d(3, 6), None, 4, ClockState.DUE_SOON),
        (d(3, 9), None, 5, ClockState.DUE_SOON),
        (d(3, 10), None, 6, ClockState.OVERDUE),
        # Qingming and May Day (with its 调休 Saturday) are not counted.
        (d(6, 1), None, 62, ClockState.OVERDUE),
        # 2 June is the last day of the three months; over them from 3 June.
        (d(6, 2), None, 63, ClockState.OVERDUE),
        (d(6, 3), None, 64, ClockState.INSPECTION_OVERDUE),
        (d(3, 20), d(3, 9), 5, ClockState.ANSWERED),
        (d(3, 20), d(3, 10), 6, ClockState.ANSWERED_LATE),
    ],
)
def test_clock(today, answered, expected_age, expected_state):
    clock = question_clock(
        submitted_at=at(MON),
        answered_at=at(answered) if answered else None,
        today=today,
    )
    assert (
        clock.received,
        clock.age_working_days,
        clock.target_date,
        clock.inspection_date,
        clock.state,
    ) == (MON, expected_age, d(3, 9), d(6, 2), expected_state)


def test_closed_question_is_not_flagged():
    clock = question_clock(
        submitted_at=at(MON), answered_at=None, closed=True, today=d(9, 1)
    )
    assert (clock.state, clock.is_flagged) == (ClockState.CLOSED, False)


@pytest.mark.django_db
def test_admin_filters_select_by_clock_in_sql(make_question):
    make_question(title="on time", submitted_at=at(d(3, 9)))
    make_question(title="on time 2", submitted_at=at(d(3, 5)))
    make_question(title="overdue", submitted_at=at(d(3, 2), 23))
    make_question(title="due today", submitted_at=at(d(3, 3), 0))
    make_question(title="due tomorrow", submitted_at=at(d(3, 4)))
    make_question(title="months old", submitted_at=at(d(12, 1, 2025)))
    make_question(
        title="answered late",
        submitted_at=at(d(3, 2)),
        answered_at=at(d(3, 10)),
        status=QuestionStatus.ANSWERED,
    )
    make_question(
        title="answered in time",
        submitted_at=at(d(3, 2)),
        answered_at=at(d(3, 6)),
        status=QuestionStatus.ANSWERED,
    )
    make_question(
        title="closed", submitted_at=at(d(3, 2)), status=QuestionStatus.CLOSED
    )

    def titles(value):
        queryset = filter_by_clock(Question.objects.all(), value, today=d(3, 10))
        return sorted(queryset.values_list("title", flat=True))

    assert titles(ClockState.OVERDUE) == ["months old", "overdue"]
    assert titles(ClockState.DUE_SOON) == ["due today", "due tomorrow"]
    assert titles(ClockState.INSPECTION_OVERDUE) == ["months old"]
    assert titles(ClockState.ANSWERED_LATE) == ["answered late"]
    assert titles("open") == sorted(
        ["on time", "on time 2", "overdue", "due today", "due tomorrow", "months old"]
    )
    # The SQL cut-offs agree with the clock computed row by row.
    for question in Question.objects.filter(status=QuestionStatus.RECEIVED):
        state = question_clock(
            submitted_at=question.submitted_at, answered_at=None, today=d(3, 10)
        ).state
        for value in (ClockState.OVERDUE, ClockState.DUE_SOON):
            expected = state == value or (
                value == ClockState.OVERDUE and state == ClockState.INSPECTION_OVERDUE
            )
            assert (question.title in titles(value)) == expected, (
                question.title,
                value,
            )


def test_add_months_clamps_to_the_month_end():
    assert add_months(d(11, 30, 2025), 3) == d(2, 28)
    assert add_months(d(11, 30, 2027), 3) == d(2, 29, 2028)
    assert add_months(d(3, 2), 3) == d(6, 2)
    assert add_months(d(1, 31), -3) == d(10, 31, 2025)
    assert add_months(d(5, 31), -3) == d(2, 28)
