"""How long a decision stays public (公示期) and when it must go public (7 个工作日).

行政处罚 by 失信 severity, from 《信用修复管理办法》（国家发展和改革委员会令第36号，
2025年11月20日公布，2026年4月1日起施行；同时废止《失信行为纠正后的信用信息修复
管理办法（试行）》国家发展改革委令2023年第58号, whose 一般/严重 periods were the
same）: 失信信息按“轻微、一般、严重”分类，公示期自司法、行政公务文书认定之日
（the decision date）起算; 轻微失信信息原则上不予公示——行业主管部门认为确有必要公示的，
公示期最长不超过3个月，且法定责任履行完毕即可申请修复 (no minimum period); 一般失信
信息最短公示期3个月、最长1年; 严重失信信息最短1年、最长3年. 最短公示期届满后方可申请
信用修复 (an earlier 信用修复 is refused); 最长公示期届满后相关信息自动停止公示 (the
decision is withdrawn automatically). A department whose own rules publish longer
edits PUBLICITY_PERIODS.

行政许可 has no publicity period: a licence stays public while it is in force
(状态 "有效"; revoked or cancelled licences are withdrawn).

Periods in months end on the corresponding day (对应日) of the last month, or on its
last day when it has none (《民法典》第二百零一条、第二百零二条): a decision of
2025-03-10 with a one-year maximum is public through 2026-03-10.

The deadline: 行政许可、行政处罚 decisions go public "自作出行政决定之日起7个工作日内"
(the 双公示 rule first set by 《国务院办公厅关于运用大数据加强对市场主体服务和监管的
若干意见》国办发〔2015〕51号), counted on the working-day calendar (cms/workdays:
holidays and 调休), the decision date itself not counted.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from cms.workdays import calendar as workdays

DISCLOSURE_WORKING_DAYS = 7
RULE = "《信用修复管理办法》（国家发展和改革委员会令第36号）"


@dataclass(frozen=True)
class PublicityPeriod:
    # None: not published at all (轻微失信).
    minimum_months: int | None
    maximum_months: int | None

    @property
    def published(self) -> bool:
        return self.maximum_months is not None


# By the severity's stored value (models.Severity).
PUBLICITY_PERIODS: dict[str, PublicityPeriod] = {
    "minor": PublicityPeriod(None, None),
    "general": PublicityPeriod(3, 12),
    "serious": PublicityPeriod(12, 36),
}
# A 轻微失信 penalty the 行业主管部门 finds it necessary to publish: at most 3 months,
# and 信用修复 as soon as the legal duties are done (no minimum period).
MINOR_PUBLISHED = PublicityPeriod(0, 3)


def publicity_period(severity: str, *, minor_published: bool = False):
    """The period for a 行政处罚 of ``severity`` (None for an unknown one)."""
    if severity == "minor" and minor_published:
        return MINOR_PUBLISHED
    return PUBLICITY_PERIODS.get(severity)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The corresponding day ``months`` later; the month's last day if it has none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def publicity_ends(
    severity: str, decision_date: datetime.date, *, minor_published: bool = False
) -> tuple[datetime.date | None, datetime.date | None]:
    """(last day of the minimum period, last day of the maximum period); None for
    the minimum of a period without one (信用修复 at any time)."""
    period = publicity_period(severity, minor_published=minor_published)
    if period is None or not period.published:
        return None, None
    return (
        add_months(decision_date, period.minimum_months)
        if period.minimum_months
        else None,
        add_months(decision_date, period.maximum_months),
    )


def disclosure_due(decision_date: datetime.date) -> tuple[datetime.date, bool]:
    """(last day to publish, whether the calendar for it is still provisional)."""
    result = workdays.add_working_days(decision_date, DISCLOSURE_WORKING_DAYS)
    return result.date, result.provisional
