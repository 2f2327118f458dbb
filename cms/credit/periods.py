"""How long a decision stays public (公示期) and when it must go public (7 个工作日).

行政处罚 by 失信 severity, from 《失信行为纠正后的信用信息修复管理办法（试行）》
（国家发展改革委令2023年第58号，2023年5月1日起施行）: 涉及轻微失信行为的行政处罚信息
不予公示; 涉及一般失信行为的，最短公示期三个月、最长公示期一年; 涉及严重失信行为的，
最短公示期一年、最长公示期三年; 公示期自行政处罚决定之日起计算。法律、法规另有规定的
从其规定 (a department that must publish longer edits PUBLICITY_PERIODS).
Within the minimum period no 信用修复 ends the publicity early; when the maximum
period ends the decision is withdrawn automatically.

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
RULE = (
    "《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令2023年第58号）"
)


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


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The corresponding day ``months`` later; the month's last day if it has none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def publicity_ends(
    severity: str, decision_date: datetime.date
) -> tuple[datetime.date | None, datetime.date | None]:
    """(last day of the minimum period, last day of the maximum period)."""
    period = PUBLICITY_PERIODS.get(severity)
    if period is None or not period.published:
        return None, None
    return (
        add_months(decision_date, period.minimum_months),
        add_months(decision_date, period.maximum_months),
    )


def disclosure_due(decision_date: datetime.date) -> tuple[datetime.date, bool]:
    """(last day to publish, whether the calendar for it is still provisional)."""
    result = workdays.add_working_days(decision_date, DISCLOSURE_WORKING_DAYS)
    return result.date, result.provisional
