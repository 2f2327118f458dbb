"""The statutory minimum length of a consultation window (征求意见期).

- 规范性文件: at least 7 working days (China's official calendar with 调休).
- 规章 (《规章制定程序条例》), 重大行政决策 (《重大行政决策程序暂行条例》第十四条) and
  drafts closely tied to market activity (涉及市场主体): at least 30 calendar days.

Both counts include the opening and the closing day: comments are accepted from
00:00 of the first day to 24:00 of the last (Asia/Shanghai).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models.choices import DraftKind

MIN_WORKING_DAYS = 7
MIN_CALENDAR_DAYS = 30
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class WindowRule:
    working_days: int = 0
    calendar_days: int = 0


def rule_for(*, kind: str, market_related: bool) -> WindowRule:
    if market_related or kind in (DraftKind.RULE, DraftKind.MAJOR_DECISION):
        return WindowRule(calendar_days=MIN_CALENDAR_DAYS)
    if kind == DraftKind.NORMATIVE:
        return WindowRule(working_days=MIN_WORKING_DAYS)
    return WindowRule()


def calendar_days(open_date: datetime.date, close_date: datetime.date) -> int:
    return (close_date - open_date).days + 1


def window_errors(
    *,
    kind: str,
    market_related: bool,
    open_date: datetime.date | None,
    close_date: datetime.date | None,
) -> dict[str, str]:
    """Errors by model field name; empty when the window is lawful."""
    if open_date is None or close_date is None:
        return {}
    if close_date < open_date:
        return {"close_date": _("截止日期不能早于开始日期。")}
    rule = rule_for(kind=kind, market_related=market_related)
    days = calendar_days(open_date, close_date)
    if rule.calendar_days and days < rule.calendar_days:
        reason = (
            _("涉及市场主体的")
            if market_related
            else _("%(kind)s") % {"kind": DraftKind(kind).label}
        )
        return {
            "close_date": _(
                "%(reason)s征求意见期不少于 %(min)s 日（含首尾两日），"
                "当前为 %(days)s 日；截止日期最早为 %(earliest)s。"
            )
            % {
                "reason": reason,
                "min": rule.calendar_days,
                "days": days,
                "earliest": (
                    open_date + datetime.timedelta(days=rule.calendar_days - 1)
                ).isoformat(),
            }
        }
    if rule.working_days:
        from cms.workdays.calendar import is_provisional, working_days_range

        days_in = working_days_range(open_date - ONE_DAY, close_date)
        known = [day for day in days_in if not is_provisional(day)]
        if len(known) >= rule.working_days:
            return {}
        if len(known) < len(days_in):
            # Never count on an assumed calendar: the real one may have more days off.
            return {
                "close_date": _(
                    "征求意见期跨入法定节假日安排尚未公布的年份，已确定的工作日仅 "
                    "%(known)s 个（按周一至周五估算共 %(count)s 个），无法确认满足不少于 "
                    "%(min)s 个工作日；请在节假日安排公布（或在工作日历中维护）后再设置，"
                    "或延长征求意见期。"
                )
                % {"known": len(known), "count": len(days_in), "min": rule.working_days}
            }
        return {
            "close_date": _(
                "规范性文件征求意见期不少于 %(min)s 个工作日（含首尾两日，"
                "节假日和调休按国家安排），当前仅 %(count)s 个工作日；"
                "截止日期最早为 %(earliest)s。"
            )
            % {
                "min": rule.working_days,
                "count": len(days_in),
                "earliest": earliest_close(open_date, rule.working_days),
            }
        }
    return {}


def earliest_close(open_date: datetime.date, days: int) -> str:
    from cms.workdays.calendar import add_working_days, next_working_day

    first = next_working_day(open_date, include_self=True)
    return add_working_days(first, days - 1).date.isoformat()
