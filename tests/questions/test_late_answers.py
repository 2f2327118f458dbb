"""Answers given more than three months after the question: recorded when the answer
is given, counted by period for the compliance report, filtered in the admin.

Three months end on the same-numbered day of the third month after the question
(its month end when there is none, 《民法典》第二百零二条); dates are Beijing time.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cms.questions.admin_views import filter_by_clock
from cms.questions.deadlines import (
    ClockState,
    inspection_date,
    latest_received_past_inspection,
    question_clock,
)
from cms.questions.models import Question, QuestionStatus
from cms.questions.selectors import AnswerCounts, answer_counts, late_answers
from cms.questions.services import question_answer

SHANGHAI = ZoneInfo("Asia/Shanghai")
INDEX = "/admin/snippets/questions/question/"
pytestmark = pytest.mark.django_db


def d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), SHANGHAI)


@pytest.fixture
def assigned(make_question, departments):
    def make(submitted_at: datetime.datetime, **fields) -> Question:
        return make_question(
            submitted_at=submitted_at,
            department=departments["insurance"],
            status=QuestionStatus.ASSIGNED,
            **fields,
        )

    return make


# (submitted, last day in time) — worked out by hand from the calendar.
LAST_DAYS = [
    (d(2026, 3, 2), d(2026, 6, 2)),
    (d(2025, 11, 30), d(2026, 2, 28)),  # no 30 February: the month end
    (d(2025, 11, 29), d(2026, 2, 28)),
    (d(2025, 8, 31), d(2025, 11, 30)),  # no 31 November
    (d(2025, 5, 31), d(2025, 8, 31)),  # August has a 31st
    (d(2023, 11, 30), d(2024, 2, 29)),  # leap year
    (d(2024, 2, 29), d(2024, 5, 29)),  # the same-numbered day, not the month end
    (d(2025, 2, 28), d(2025, 5, 28)),
    (d(2025, 12, 31), d(2026, 3, 31)),  # across the year end
]


@pytest.mark.parametrize(("submitted", "last_day"), LAST_DAYS)
def test_an_answer_on_the_last_day_is_in_time_the_next_day_is_late(
    assigned, submitted, last_day
):
    assert inspection_date(submitted) == last_day
    in_time = question_answer(
        question=assigned(at(submitted)), answer="答复。", now=at(last_day, 17)
    )
    late = question_answer(
        question=assigned(at(submitted)),
        answer="答复。",
        now=at(last_day + datetime.timedelta(days=1), 8),
    )
    stored = dict(
        Question.objects.filter(pk__in=[in_time.pk, late.pk]).values_list(
            "pk", "answered_over_three_months"
        )
    )
    assert stored == {in_time.pk: False, late.pk: True}


def test_days_are_beijing_dates(assigned):
    # 00:30 on 30 November in Beijing is still 29 November in UTC.
    submitted = at(d(2025, 11, 30), 0, 30)
    question = assigned(submitted)
    assert question.submitted_at.astimezone(datetime.UTC).day == 29
    # 23:59 on 28 February is in time; 00:01 on 1 March (still 28 Feb UTC) is late.
    question_answer(question=question, answer="答复。", now=at(d(2026, 2, 28), 23, 59))
    assert not Question.objects.get(pk=question.pk).answered_over_three_months
    other = assigned(submitted)
    question_answer(question=other, answer="答复。", now=at(d(2026, 3, 1), 0, 1))
    assert Question.objects.get(pk=other.pk).answered_over_three_months


def test_correcting_an_answer_keeps_the_first_answer_and_its_lateness(assigned):
    question = assigned(at(d(2026, 3, 2)))
    question_answer(question=question, answer="初次答复。", now=at(d(2026, 6, 3)))
    question_answer(question=question, answer="更正后的答复。", now=at(d(2026, 6, 5)))
    question.refresh_from_db()
    assert (
        question.answer,
        question.answered_at,
        question.answered_over_three_months,
    ) == ("更正后的答复。", at(d(2026, 6, 3)), True)


def test_late_answers_in_a_period(assigned, django_assert_num_queries):
    def answered(title, submitted, answered_at):
        question = assigned(at(submitted), title=title)
        return question_answer(question=question, answer="答复。", now=answered_at)

    # Period: the second quarter of 2026, 1 April to 30 June (Beijing dates).
    answered("三月底前答复（期外）", d(2025, 12, 1), at(d(2026, 3, 31), 23, 59))
    first = answered("四月一日零点", d(2025, 12, 1), at(d(2026, 4, 1), 0, 0))
    answered("按时答复", d(2026, 3, 2), at(d(2026, 6, 2), 10))
    second = answered("六月三日超期", d(2026, 3, 2), at(d(2026, 6, 3), 10))
    third = answered("六月三十日深夜", d(2026, 3, 2), at(d(2026, 6, 30), 23, 59))
    answered("七月一日（期外）", d(2026, 3, 2), at(d(2026, 7, 1), 0, 0))
    assigned(at(d(2025, 12, 1)), title="未答复")  # unanswered: not an answer

    with django_assert_num_queries(1):
        rows = list(late_answers(start=d(2026, 4, 1), end=d(2026, 6, 30)))
    assert rows == [first, second, third]
    with django_assert_num_queries(1):
        counts = answer_counts(start=d(2026, 4, 1), end=d(2026, 6, 30))
    assert counts == AnswerCounts(answered=4, over_three_months=3)
    assert answer_counts(start=d(2026, 7, 1), end=d(2026, 7, 31)) == AnswerCounts(
        answered=1, over_three_months=1
    )


def test_unanswered_is_over_three_months_only_after_the_last_day():
    submitted = at(d(2025, 11, 30))
    clock = question_clock(
        submitted_at=submitted, answered_at=None, today=d(2026, 2, 28)
    )
    assert (clock.inspection_date, clock.state) == (
        d(2026, 2, 28),
        ClockState.OVERDUE,
    )
    clock = question_clock(
        submitted_at=submitted, answered_at=None, today=d(2026, 3, 1)
    )
    assert clock.state == ClockState.INSPECTION_OVERDUE


def test_the_sql_cut_off_is_the_exact_inverse_of_the_last_day():
    # Every day from 2023 to 2028: the latest receipt date past the limit, by brute
    # force over the candidate receipt dates, equals the computed cut-off.
    day = d(2023, 6, 1)
    while day < d(2028, 12, 31):
        expected = day - datetime.timedelta(days=100)
        while inspection_date(expected + datetime.timedelta(days=1)) < day:
            expected += datetime.timedelta(days=1)
        assert inspection_date(expected) < day, day
        assert latest_received_past_inspection(day) == expected, day
        day += datetime.timedelta(days=1)
    # Hand-checked: on 1 March 2026 the questions of 29 and 30 November are past it.
    assert latest_received_past_inspection(d(2026, 3, 1)) == d(2025, 11, 30)
    assert latest_received_past_inspection(d(2026, 2, 28)) == d(2025, 11, 27)


def test_admin_filter_agrees_with_the_clock_at_month_ends(make_question):
    for day in (27, 28, 29, 30):
        make_question(title=f"11月{day}日", submitted_at=at(d(2025, 11, day), 12))

    def titles(today):
        queryset = filter_by_clock(
            Question.objects.all(), ClockState.INSPECTION_OVERDUE, today=today
        )
        return sorted(queryset.values_list("title", flat=True))

    assert titles(d(2026, 2, 28)) == ["11月27日"]
    assert titles(d(2026, 3, 1)) == ["11月27日", "11月28日", "11月29日", "11月30日"]


def test_admin_answer_records_lateness_and_the_listing_filters_it(
    client, superuser, assigned, departments
):
    old = assigned(at(d(2025, 1, 6)), title="去年一月的咨询")
    recent = assigned(timezone.now() - datetime.timedelta(days=2), title="前天的咨询")
    client.force_login(superuser)
    for question in (old, recent):
        response = client.post(
            f"{INDEX}edit/{question.pk}/",
            {
                "department": departments["insurance"].pk,
                "handler": "",
                "routing_note": "",
                "answer": "请携带身份证到社保中心办理。",
                "published_title": "",
                "published_content": "",
                "internal_note": "",
                "close_reason": "",
            },
        )
        assert response.status_code == 302
    assert dict(
        Question.objects.values_list("title", "answered_over_three_months")
    ) == {"去年一月的咨询": True, "前天的咨询": False}

    client.get(INDEX)  # shows (and clears) the "saved" messages naming both
    html = client.get(INDEX, {"answered_over_three_months": "true"}).content.decode()
    assert ("去年一月的咨询" in html, "前天的咨询" in html) == (True, False)
    # The clock column says it too (the filter's own label aside).
    assert "超期答复 · 超过 3 个月才答复 · " in html
    html = client.get(INDEX, {"answered_over_three_months": "false"}).content.decode()
    assert ("去年一月的咨询" in html, "前天的咨询" in html) == (False, True)


@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_marks_questions_answered_late_before_it():
    from cms.taxonomy.models import Topic

    topic = Topic.objects.create(name="迁移测试主题")
    executor = MigrationExecutor(connection)
    before = [("questions", "0004_question_answered_over_three_months")]
    after = [("questions", "0005_backfill_answered_over_three_months")]
    rows = {
        # tracking number: (submitted, answered or None)
        "ZX20251130000001": (at(d(2025, 11, 30), 0, 30), at(d(2026, 2, 28), 23, 59)),
        "ZX20251130000002": (at(d(2025, 11, 30), 0, 30), at(d(2026, 3, 1), 0, 1)),
        "ZX20250831000003": (at(d(2025, 8, 31)), at(d(2025, 12, 1))),
        "ZX20250831000004": (at(d(2025, 8, 31)), None),
    }
    try:
        executor.migrate(before)
        OldQuestion = executor.loader.project_state(before).apps.get_model(
            "questions", "Question"
        )
        for number, (submitted_at, answered_at) in rows.items():
            OldQuestion.objects.create(
                tracking_number=number,
                query_code_salt="0123456789abcdef0123456789abcdef",
                topic_id=topic.pk,
                title="迁移前的咨询",
                content="迁移前提交的咨询内容。",
                phone="13812345678",
                submitted_at=submitted_at,
                answered_at=answered_at,
                answer="答复。" if answered_at else "",
                status="answered" if answered_at else "assigned",
            )
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
    assert dict(
        Question.objects.filter(tracking_number__in=rows).values_list(
            "tracking_number", "answered_over_three_months"
        )
    ) == {
        "ZX20251130000001": False,
        "ZX20251130000002": True,
        "ZX20250831000003": True,
        "ZX20250831000004": False,
    }
