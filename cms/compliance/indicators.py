"""The inspection indicators this app measures (the 断链 indicator is cms.linkcheck's).

How days are counted: the 检查指标 state their periods in weeks and months, not
working days, so these count calendar days back from the checking day (today):

- 首页/动态要闻 "2 周": a column last updated ``d`` days ago is not updated for two
  weeks when ``d >= 14`` (none of the 14 days up to today had anything new);
- 通知公告/政策文件 "6 个月", 其他栏目 "1 年", 留言 "3 个月": by calendar months,
  the same day of the month (对应日) or the month's last day when it has none
  (cms.questions.deadlines.add_months): not updated for six months when the last
  update is before the day six months before today.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from cms.questions.deadlines import add_months, inspection_date

from .columns import Column, site_columns
from .models import ColumnKind
from .registry import (
    INSPECTION_RULES,
    OK,
    WARN,
    Evidence,
    Indicator,
    Measurement,
    Rule,
)

NEWS_DAYS = 14
HOME_WARN_DAYS = 10
NOTICE_MONTHS = 6
OTHER_MONTHS = 12
# How far ahead a column's coming deadline is announced.
NEWS_PREDICT_DAYS = 4
NOTICE_PREDICT_DAYS = 30
QUESTION_PREDICT_DAYS = 14

KIND_WORDS = {
    ColumnKind.NEWS: "动态要闻栏目",
    ColumnKind.NOTICE: "通知公告栏目",
    ColumnKind.POLICY: "政策文件栏目",
    ColumnKind.OTHER: "栏目",
}


def _column_evidence(column: Column, today: datetime.date) -> Evidence:
    if column.last_updated is None:
        detail = "开设以来没有内容"
    else:
        detail = f"最近更新 {column.last_updated:%Y-%m-%d}（{column.days_since(today)} 天前）"
    return Evidence(f"{column.title}（{column.department}）", column.edit_url, detail)


def stale_since(column: Column, today: datetime.date) -> datetime.date:
    """The day before which a column's last update makes it 未更新, by its kind."""
    if column.kind == ColumnKind.NEWS:
        return today - datetime.timedelta(days=NEWS_DAYS - 1)
    if column.kind in (ColumnKind.NOTICE, ColumnKind.POLICY):
        return add_months(today, -NOTICE_MONTHS)
    return add_months(today, -OTHER_MONTHS)


def becomes_stale(column: Column) -> datetime.date | None:
    """The first day on which the column counts as not updated (no new content)."""
    if column.last_updated is None:
        return None
    if column.kind == ColumnKind.NEWS:
        return column.last_updated + datetime.timedelta(days=NEWS_DAYS)
    months = (
        NOTICE_MONTHS
        if column.kind in (ColumnKind.NOTICE, ColumnKind.POLICY)
        else OTHER_MONTHS
    )
    # Stale once the last update is before add_months(today, -months).
    day = add_months(column.last_updated, months)
    while add_months(day, -months) <= column.last_updated:
        day += datetime.timedelta(days=1)
    return day


def is_stale(column: Column, today: datetime.date) -> bool:
    return column.last_updated is not None and column.last_updated < stale_since(
        column, today
    )


def _period_words(column: Column) -> str:
    if column.kind == ColumnKind.NEWS:
        return "2 周"
    if column.kind in (ColumnKind.NOTICE, ColumnKind.POLICY):
        return "6 个月"
    return "1 年"


def _predictions(columns, today: datetime.date, horizon: int) -> list[str]:
    found = []
    for column in columns:
        if is_stale(column, today):
            continue
        day = becomes_stale(column)
        if day is None:
            continue
        left = (day - today).days
        if 0 < left <= horizon:
            found.append(
                f"{KIND_WORDS[column.kind]}“{column.title}”{left} 天后满"
                f"{_period_words(column)}未更新（{column.department}）"
            )
    return found


class HomeNotUpdated(Indicator):
    key = "home_not_updated"
    title = "首页栏目信息更新"
    rule = Rule(
        INSPECTION_RULES,
        "单项否决指标“网站不更新”：监测时间点前 2 周内，首页栏目无信息更新",
    )
    threshold = "连续 14 天无更新即不合格"
    warning = "连续 10 天无更新"
    fail_at = NEWS_DAYS
    warn_at = HOME_WARN_DAYS

    def measure(self, today):
        columns = site_columns(today)
        dates = [column.last_updated for column in columns if column.last_updated]
        if not dates:
            return Measurement(9999, "网站从未发布内容", self.grade(9999))
        latest = max(dates)
        days = (today - latest).days
        newest = [c for c in columns if c.last_updated == latest]
        predictions = []
        left = NEWS_DAYS - days
        if 0 < left <= NEWS_PREDICT_DAYS:
            predictions.append(f"首页栏目 {left} 天后满 2 周未更新")
        return Measurement(
            days,
            f"{days} 天未更新（最近 {latest:%Y-%m-%d}）",
            self.grade(days),
            evidence=[_column_evidence(column, today) for column in newest],
            predictions=predictions,
        )


class ColumnsMeasure(Indicator):
    """Counts columns matching ``matches`` as of ``today``."""

    kinds: tuple[str, ...] = ()
    horizon = NOTICE_PREDICT_DAYS

    def matches(self, column: Column, today: datetime.date) -> bool:
        return column.kind in self.kinds and is_stale(column, today)

    def measure(self, today):
        columns = site_columns(today)
        found = [column for column in columns if self.matches(column, today)]
        value = len(found)
        departments = sorted({column.department for column in found})
        return Measurement(
            value,
            f"{value} 个",
            self.grade(value),
            evidence=[_column_evidence(column, today) for column in found],
            predictions=_predictions(
                [c for c in columns if c.kind in self.kinds], today, self.horizon
            ),
            departments=departments,
        )


class NewsAndNoticeColumnsNotUpdated(ColumnsMeasure):
    key = "key_columns_not_updated"
    title = "动态要闻（2 周）、通知公告和政策文件（6 个月）栏目未更新"
    rule = Rule(
        INSPECTION_RULES,
        "单项否决指标“栏目不更新”：监测时间点前 2 周内的动态、要闻类栏目，以及前 6 个月内的"
        "通知公告、政策文件类栏目，累计超过（含）5 个未更新",
    )
    threshold = "累计 ≥ 5 个即不合格"
    warning = "≥ 1 个"
    fail_at = 5
    warn_at = 1
    kinds = (ColumnKind.NEWS, ColumnKind.NOTICE, ColumnKind.POLICY)

    def measure(self, today):
        measurement = super().measure(today)
        news = [c for c in site_columns(today) if c.kind == ColumnKind.NEWS]
        measurement.predictions = _predictions(news, today, NEWS_PREDICT_DAYS) + [
            p for p in measurement.predictions if not p.startswith("动态要闻")
        ]
        return measurement


class OtherColumnsNotUpdated(ColumnsMeasure):
    key = "other_columns_not_updated"
    title = "其他应更新栏目长期未更新（1 年）"
    rule = Rule(
        INSPECTION_RULES,
        "单项否决指标“栏目不更新”：监测时间点前 1 年内，应更新但长期未更新的栏目数超过（含）10 个",
    )
    threshold = "≥ 10 个即不合格"
    warning = "超过 6 个"
    fail_at = 10
    warn_at = 7
    kinds = (ColumnKind.OTHER,)


class BlankColumns(ColumnsMeasure):
    key = "blank_columns"
    title = "空白栏目"
    rule = Rule(
        INSPECTION_RULES,
        "单项否决指标“栏目不更新”：栏目内容为空（自开设以来没有任何信息）的空白栏目数量超过（含）5 个",
    )
    threshold = "≥ 5 个即不合格"
    warning = "超过 2 个"
    fail_at = 5
    warn_at = 3

    def matches(self, column, today):
        return column.count == 0

    def measure(self, today):
        measurement = super().measure(today)
        measurement.predictions = []
        return measurement


class UnansweredQuestions(Indicator):
    key = "questions_unanswered"
    title = "网上咨询留言超过 3 个月未回复（近 1 年）"
    rule = Rule(
        INSPECTION_RULES,
        "单项否决指标“互动回应差”：监测时间点前 1 年内，政务咨询类栏目对网民留言超过 3 个月未回复",
    )
    threshold = "≥ 1 条即不合格"
    warning = f"{QUESTION_PREDICT_DAYS} 天内将满 3 个月未回复"
    fail_at = 1
    department = "办公室"

    def measure(self, today):
        from django.utils import timezone

        from cms.questions.deadlines import latest_received_past_inspection
        from cms.questions.models import Question, QuestionStatus

        year_ago = add_months(today, -12)
        open_statuses = (QuestionStatus.RECEIVED, QuestionStatus.ASSIGNED)
        start = timezone.make_aware(
            datetime.datetime.combine(year_ago, datetime.time())
        )
        last_late = latest_received_past_inspection(today)
        late_end = timezone.make_aware(
            datetime.datetime.combine(
                last_late + datetime.timedelta(days=1), datetime.time()
            )
        )
        candidates = Question.objects.filter(submitted_at__gte=start).select_related(
            "department"
        )
        unanswered = list(
            candidates.filter(status__in=open_statuses, submitted_at__lt=late_end)
        )
        answered_late = list(
            Question.objects.filter(
                answered_over_three_months=True, answered_at__gte=start
            ).select_related("department")
        )
        found = unanswered + answered_late
        evidence = [
            Evidence(
                f"{question.tracking_number} {question.title}",
                reverse("wagtailsnippets_questions_question:edit", args=[question.pk]),
                (
                    f"{question.submitted_at:%Y-%m-%d} 收到，"
                    + ("至今未答复" if question in unanswered else "超过 3 个月才答复")
                    + (
                        f"（{question.department.name}）"
                        if question.department_id
                        else ""
                    )
                ),
            )
            for question in found
        ]
        predictions = []
        for question in candidates.filter(
            status__in=open_statuses, submitted_at__gte=late_end
        ):
            left = (
                inspection_date(timezone.localdate(question.submitted_at)) - today
            ).days + 1
            if 0 < left <= QUESTION_PREDICT_DAYS:
                predictions.append(
                    f"咨询 {question.tracking_number} {left} 天后满 3 个月未回复"
                )
        value = len(found)
        departments = (
            sorted(
                {q.department.name for q in found if q.department_id}
                or {self.department}
            )
            if found
            else []
        )
        return Measurement(
            value,
            f"{value} 条",
            self.grade(value) if value else (WARN if predictions else OK),
            evidence=evidence,
            predictions=predictions,
            departments=departments,
        )


class MissingPublishDates(Indicator):
    key = "missing_publish_date"
    title = "信息缺少发布日期"
    rule = Rule(
        INSPECTION_RULES,
        "扣分指标“信息发布”：发布的信息应标注发布日期（缺少发布日期的信息计入不准确、不规范）",
    )
    threshold = "≥ 1 条即不达标"
    warning = "—"
    fail_at = 1

    def measure(self, today):
        from wagtail.models import get_page_models

        from cms.core.selectors import public_pages

        evidence = []
        for model in get_page_models():
            if "publish_date" not in {f.name for f in model._meta.concrete_fields}:
                continue
            if model._meta.get_field("publish_date").model is not model:
                continue
            for page in public_pages(model=model).filter(publish_date__isnull=True):
                evidence.append(
                    Evidence(
                        page.title,
                        reverse("wagtailadmin_pages:edit", args=[page.pk]),
                        model._meta.verbose_name,
                    )
                )
        value = len(evidence)
        return Measurement(value, f"{value} 条", self.grade(value), evidence=evidence)


BUILTIN_INDICATORS = (
    HomeNotUpdated(),
    NewsAndNoticeColumnsNotUpdated(),
    OtherColumnsNotUpdated(),
    BlankColumns(),
    UnansweredQuestions(),
    MissingPublishDates(),
)
