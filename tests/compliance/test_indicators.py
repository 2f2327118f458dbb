"""Each indicator at, below and above its thresholds (days counted as the rules say)."""

from __future__ import annotations

import datetime

import pytest

from cms.compliance.indicators import (
    BlankColumns,
    HomeNotUpdated,
    MissingPublishDates,
    NewsAndNoticeColumnsNotUpdated,
    OtherColumnsNotUpdated,
    UnansweredQuestions,
)
from cms.compliance.models import ColumnKind
from cms.compliance.registry import FAIL, OK, WARN, indicators
from cms.questions.models import QuestionStatus
from cms.taxonomy.models import Organization, Topic
from tests.factories import InterpretationPageFactory
from tests.factories.records import QuestionFactory as _QuestionFactory

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db


def QuestionFactory(**fields):  # noqa: N802
    fields.setdefault("topic", Topic.objects.filter(parent__isnull=False).first())
    return _QuestionFactory(**fields)


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


@pytest.mark.parametrize(
    ("age", "state"),
    [(9, OK), (10, WARN), (13, WARN), (14, FAIL), (15, FAIL)],
)
def test_home_not_updated_warns_at_10_days_and_fails_at_14(make_column, age, state):
    make_column(ColumnKind.OTHER, days_ago(40))
    make_column(ColumnKind.NEWS, days_ago(age))
    measurement = HomeNotUpdated().measure(TODAY)
    assert (measurement.value, measurement.state) == (age, state)
    assert measurement.display == f"{age} 天未更新（最近 {days_ago(age):%Y-%m-%d}）"
    assert [e.label for e in measurement.evidence] == ["测试栏目1（办公室）"]


def test_home_prediction_counts_down_to_two_weeks(make_column):
    make_column(ColumnKind.NEWS, days_ago(11))
    assert HomeNotUpdated().measure(TODAY).predictions == [
        "首页栏目 3 天后满 2 周未更新"
    ]
    make_column(ColumnKind.NEWS, days_ago(2))
    assert HomeNotUpdated().measure(TODAY).predictions == []


def test_a_news_column_is_stale_after_two_weeks(make_column):
    make_column(ColumnKind.NEWS, days_ago(13))
    measurement = NewsAndNoticeColumnsNotUpdated().measure(TODAY)
    assert (measurement.value, measurement.state) == (0, OK)
    assert measurement.predictions == [
        "动态要闻栏目“测试栏目0”1 天后满2 周未更新（办公室）"
    ]
    make_column(ColumnKind.NEWS, days_ago(14))
    measurement = NewsAndNoticeColumnsNotUpdated().measure(TODAY)
    assert (measurement.value, measurement.state) == (1, WARN)
    assert [e.label for e in measurement.evidence] == ["测试栏目1（办公室）"]


def test_a_policy_column_is_stale_after_six_calendar_months(make_column):
    # 2026-12-03 minus six months is 2026-06-03: an update that day still counts.
    make_column(ColumnKind.POLICY, datetime.date(2026, 6, 3))
    assert NewsAndNoticeColumnsNotUpdated().measure(TODAY).value == 0
    make_column(ColumnKind.NOTICE, datetime.date(2026, 6, 2))
    assert NewsAndNoticeColumnsNotUpdated().measure(TODAY).value == 1


def test_six_months_from_a_month_end_follow_the_last_day_rule(make_column):
    make_column(ColumnKind.POLICY, datetime.date(2026, 8, 31))
    indicator = NewsAndNoticeColumnsNotUpdated()
    # 2027-02-28 minus six months is 2026-08-28: not yet stale; on 1 March it is.
    assert indicator.measure(datetime.date(2027, 2, 28)).value == 0
    assert indicator.measure(datetime.date(2027, 3, 1)).value == 1


def test_policy_column_prediction_names_the_days_left(make_column):
    department = Organization.objects.get(name="就业促进科")
    make_column(ColumnKind.POLICY, datetime.date(2026, 6, 25), department=department)
    measurement = NewsAndNoticeColumnsNotUpdated().measure(TODAY)
    assert measurement.predictions == [
        "政策文件栏目“测试栏目0”23 天后满6 个月未更新（就业促进科）"
    ]


@pytest.mark.parametrize(("stale", "state"), [(0, OK), (4, WARN), (5, FAIL), (6, FAIL)])
def test_key_columns_fail_at_five(make_column, stale, state):
    for _ in range(stale):
        make_column(ColumnKind.POLICY, datetime.date(2026, 1, 5))
    make_column(ColumnKind.NEWS, days_ago(1))
    measurement = NewsAndNoticeColumnsNotUpdated().measure(TODAY)
    assert (measurement.value, measurement.state) == (stale, state)
    assert measurement.departments == (["办公室"] if stale else [])


@pytest.mark.parametrize(
    ("stale", "state"), [(6, OK), (7, WARN), (9, WARN), (10, FAIL), (11, FAIL)]
)
def test_other_stale_columns_warn_above_six_and_fail_at_ten(make_column, stale, state):
    for _ in range(stale):
        make_column(ColumnKind.OTHER, datetime.date(2025, 12, 2))
    # Updated exactly a year ago (对应日): not stale yet.
    make_column(ColumnKind.OTHER, datetime.date(2025, 12, 3))
    measurement = OtherColumnsNotUpdated().measure(TODAY)
    assert (measurement.value, measurement.state) == (stale, state)


@pytest.mark.parametrize(("blank", "state"), [(2, OK), (3, WARN), (4, WARN), (5, FAIL)])
def test_blank_columns_warn_above_two_and_fail_at_five(make_column, blank, state):
    for _ in range(blank):
        make_column(ColumnKind.OTHER)
    make_column(ColumnKind.OTHER, days_ago(3))
    measurement = BlankColumns().measure(TODAY)
    assert (measurement.value, measurement.state) == (blank, state)
    assert {e.detail for e in measurement.evidence} == {"开设以来没有内容"}


def test_a_column_marked_exempt_is_not_checked(make_column, quiet_site):
    assert BlankColumns().measure(TODAY).value == 0  # the empty sections are exempt
    make_column(ColumnKind.EXEMPT)
    assert BlankColumns().measure(TODAY).value == 0


def test_questions_unanswered_over_three_months(quiet_site):
    # Received 2026-09-03: its three months end 2026-12-03, still in time today.
    QuestionFactory(
        submitted_at=at(datetime.date(2026, 9, 3)), tracking_number="ZX20260903000001"
    )
    indicator = UnansweredQuestions()
    measurement = indicator.measure(TODAY)
    assert (measurement.value, measurement.state) == (0, WARN)
    assert measurement.predictions == ["咨询 ZX20260903000001 1 天后满 3 个月未回复"]
    # Received a day earlier: past the limit today.
    late = QuestionFactory(
        submitted_at=at(datetime.date(2026, 9, 2)), status=QuestionStatus.ASSIGNED
    )
    measurement = indicator.measure(TODAY)
    assert (measurement.value, measurement.state) == (1, FAIL)
    assert [e.label for e in measurement.evidence] == [
        f"{late.tracking_number} {late.title}"
    ]
    assert measurement.evidence[0].detail == "2026-09-02 收到，至今未答复"


def test_late_answers_within_the_last_year_count(quiet_site):
    QuestionFactory(
        submitted_at=at(datetime.date(2026, 1, 5)),
        status=QuestionStatus.ANSWERED,
        answered_at=at(datetime.date(2026, 5, 6)),
        answered_over_three_months=True,
    )
    # Answered late more than a year ago: no longer counted.
    QuestionFactory(
        submitted_at=at(datetime.date(2025, 6, 1)),
        status=QuestionStatus.ANSWERED,
        answered_at=at(datetime.date(2025, 11, 20)),
        answered_over_three_months=True,
    )
    # Open, but received more than a year ago: outside the checked year.
    QuestionFactory(submitted_at=at(datetime.date(2025, 11, 30)))
    measurement = UnansweredQuestions().measure(TODAY)
    assert (measurement.value, measurement.state) == (1, FAIL)
    assert measurement.evidence[0].detail == "2026-01-05 收到，超过 3 个月才答复"


def test_items_without_a_publish_date(quiet_site):
    InterpretationPageFactory(
        parent=quiet_site.interpretations, publish_date=None, title="无日期的解读"
    )
    InterpretationPageFactory(parent=quiet_site.interpretations, publish_date=TODAY)
    measurement = MissingPublishDates().measure(TODAY)
    assert (measurement.value, measurement.state) == (1, FAIL)
    assert [e.label for e in measurement.evidence] == ["无日期的解读"]


def test_every_indicator_cites_its_rule_and_has_a_unique_key():
    found = indicators()
    assert [indicator.key for indicator in found][:6] == [
        "home_not_updated",
        "key_columns_not_updated",
        "other_columns_not_updated",
        "blank_columns",
        "questions_unanswered",
        "missing_publish_date",
    ]
    for indicator in found:
        assert str(indicator.rule).startswith(
            "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）"
        )
        assert indicator.threshold and indicator.warning and indicator.department
