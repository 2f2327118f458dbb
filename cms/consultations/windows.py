"""The consultation window (征求意见期): its statutory minimum, measured from the day
the public could first read the draft.

The minimums, each "一般不少于" — a shorter window is lawful only with a reason
stated in the consultation itself (``short_window_reason``, shown on the public page):

- 规范性文件: 7 working days. 国务院办公厅关于加强行政规范性文件制定和监督管理工作的
  通知（国办发〔2018〕37号）: 向社会公开征求意见的"期限一般不少于7个工作日".
- 规章: 30 days. 《规章制定程序条例》（2017年修订）第十五条: "向社会公布征求意见的
  期限一般不少于30日".
- 重大行政决策: 30 days. 《重大行政决策程序暂行条例》第十四条: "公开征求意见的期限
  一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明" —
  the rule that a shortened window states its reason where the public reads it.
- drafts closely tied to market activity (与市场主体生产经营活动密切相关的): 30 days.
  《优化营商环境条例》第六十二条: "向社会公开征求意见的期限一般不少于30日".

Counting. Both ends are included: comments are accepted from the first day to 24:00
of the closing day (Asia/Shanghai). The first day is the planned opening date, or the
day the page first went live when that is later (the actual publication date,
``first_published_at`` in local time): a draft published late has a shorter window,
and the rule applies to that shorter window. The publication day itself counts as a
whole day, as the opening day of a notice "自X月X日至X月X日" does. Working days follow
China's official calendar with 调休 (cms.workdays); a day of a year whose arrangement
is not yet published is never counted on.

Where it is enforced: ``ConsultationPage.clean`` checks the planned window of a draft
and the actual window of a page already published; publishing (the admin form, the
review workflow, programmatic and scheduled publication, via cms.review.services)
checks the window measured from the publication about to happen. Without a recorded
reason a too-short window is refused; with one it is published and the reason shown.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _

from .models.choices import DraftKind

MIN_WORKING_DAYS = 7
MIN_CALENDAR_DAYS = 30
ONE_DAY = datetime.timedelta(days=1)
REASON_FIELD = "short_window_reason"


@dataclass(frozen=True)
class WindowRule:
    working_days: int = 0
    calendar_days: int = 0

    def describe(self) -> str:
        if self.calendar_days:
            return _("一般不少于 %(n)s 日") % {"n": self.calendar_days}
        if self.working_days:
            return _("一般不少于 %(n)s 个工作日") % {"n": self.working_days}
        return ""


def rule_for(*, kind: str, market_related: bool) -> WindowRule:
    if market_related or kind in (DraftKind.RULE, DraftKind.MAJOR_DECISION):
        return WindowRule(calendar_days=MIN_CALENDAR_DAYS)
    if kind == DraftKind.NORMATIVE:
        return WindowRule(working_days=MIN_WORKING_DAYS)
    return WindowRule()


def calendar_days(open_date: datetime.date, close_date: datetime.date) -> int:
    return (close_date - open_date).days + 1


@dataclass(frozen=True)
class Window:
    """A consultation's window as the public has (or will have) it."""

    kind: str
    market_related: bool
    open_date: datetime.date
    close_date: datetime.date
    # The day the page first went live (or goes live, when checked before
    # publishing); None when only the planned window is known.
    published_on: datetime.date | None = None

    @property
    def rule(self) -> WindowRule:
        return rule_for(kind=self.kind, market_related=self.market_related)

    @property
    def start(self) -> datetime.date:
        """The first day counted: the opening date, or a later publication date."""
        if self.published_on and self.published_on > self.open_date:
            return self.published_on
        return self.open_date

    @property
    def published_late(self) -> bool:
        return self.start != self.open_date

    @property
    def days(self) -> int:
        return max(0, calendar_days(self.start, self.close_date))

    @cached_property
    def _working(self) -> tuple[int, int]:
        """(known working days, working days counting provisional ones)."""
        from cms.workdays.calendar import is_provisional, working_days_range

        days_in = working_days_range(self.start - ONE_DAY, self.close_date)
        known = sum(1 for day in days_in if not is_provisional(day))
        return known, len(days_in)

    @property
    def working_days(self) -> int:
        """Working days in the window (days of an unpublished calendar assumed)."""
        return self._working[1]

    @property
    def working_days_provisional(self) -> bool:
        known, assumed = self._working
        return known != assumed

    def shortfall(self) -> str | None:
        """Why the window is shorter than the general minimum; None when it is not."""
        rule = self.rule
        if rule.calendar_days and self.days < rule.calendar_days:
            subject = (
                _("涉及市场主体的")
                if self.market_related
                else DraftKind(self.kind).label
            )
            return _(
                "%(subject)s征求意见期一般不少于 %(min)s 日（含首尾两日），"
                "当前为 %(days)s 日；截止日期最早为 %(earliest)s。"
            ) % {
                "subject": subject,
                "min": rule.calendar_days,
                "days": self.days,
                "earliest": (
                    self.start + datetime.timedelta(days=rule.calendar_days - 1)
                ).isoformat(),
            }
        if not rule.working_days:
            return None
        known, assumed = self._working
        if known >= rule.working_days:
            return None
        if known < assumed:
            # Never count on an assumed calendar: the real one may have more days off.
            return _(
                "征求意见期跨入法定节假日安排尚未公布的年份，已确定的工作日仅 "
                "%(known)s 个（按周一至周五估算共 %(count)s 个），无法确认满足一般不少于 "
                "%(min)s 个工作日；请在节假日安排公布（或在工作日历中维护）后再设置，"
                "或延长征求意见期。"
            ) % {"known": known, "count": assumed, "min": rule.working_days}
        return _(
            "规范性文件征求意见期一般不少于 %(min)s 个工作日（含首尾两日，"
            "节假日和调休按国家安排），当前仅 %(count)s 个工作日；"
            "截止日期最早为 %(earliest)s。"
        ) % {
            "min": rule.working_days,
            "count": assumed,
            "earliest": earliest_close(self.start, rule.working_days),
        }

    @property
    def is_shortened(self) -> bool:
        """Shorter than the general minimum (or not confirmed to meet it)."""
        return self.shortfall() is not None


MSG_REASON_HINT = (
    "因情况紧急等原因需要缩短的，请填写“缩短征求意见期的理由”，"
    "理由将在征求意见页面上公开说明。"
)


def window_errors(
    *,
    kind: str,
    market_related: bool,
    open_date: datetime.date | None,
    close_date: datetime.date | None,
    published_on: datetime.date | None = None,
    reason: str = "",
) -> dict[str, str]:
    """Errors by model field name; empty when the window is lawful.

    ``published_on`` is the day the page went (or is about to go) live; the window
    is measured from it when it is later than the opening date. A non-blank
    ``reason`` allows a window shorter than the general minimum, not an empty one.
    """
    if open_date is None or close_date is None:
        return {}
    if close_date < open_date:
        return {"close_date": _("截止日期不能早于开始日期。")}
    window = Window(
        kind=kind,
        market_related=market_related,
        open_date=open_date,
        close_date=close_date,
        published_on=published_on,
    )
    if window.published_late and window.start > close_date:
        return {
            "close_date": _(
                "发布日期 %(published)s 已晚于截止日期 %(close)s，公众无法再提交意见；"
                "请重新确定开始日期和截止日期。"
            )
            % {"published": window.start.isoformat(), "close": close_date.isoformat()}
        }
    if (reason or "").strip():
        return {}
    shortfall = window.shortfall()
    if shortfall is None:
        return {}
    prefix = ""
    if window.published_late:
        prefix = _(
            "发布日期 %(published)s 晚于开始日期 %(open)s，征求意见期自发布之日起算；"
        ) % {"published": window.start.isoformat(), "open": open_date.isoformat()}
    return {"close_date": prefix + shortfall + MSG_REASON_HINT}


def earliest_close(open_date: datetime.date, days: int) -> str:
    from cms.workdays.calendar import add_working_days, next_working_day

    first = next_working_day(open_date, include_self=True)
    return add_working_days(first, days - 1).date.isoformat()


# --- a page's window ------------------------------------------------------------
def publication_moment(
    *,
    first_published_at: datetime.datetime | None,
    go_live_at: datetime.datetime | None,
    now: datetime.datetime | None = None,
) -> datetime.datetime:
    """When the public first sees the page: its first publication, or for a page
    not yet live the scheduled go-live time (if in the future) or now."""
    if first_published_at is not None:
        return first_published_at
    now = now or timezone.now()
    if go_live_at is not None and go_live_at > now:
        return go_live_at
    return now


def page_window(page, *, now: datetime.datetime | None = None) -> Window:
    """The window of a page, measured from its actual (or imminent) publication."""
    moment = publication_moment(
        first_published_at=page.first_published_at,
        go_live_at=page.go_live_at,
        now=now,
    )
    return Window(
        kind=page.kind,
        market_related=page.is_market_related,
        open_date=page.open_date,
        close_date=page.close_date,
        published_on=timezone.localdate(moment),
    )


def publication_problems(
    page, *, now: datetime.datetime | None = None
) -> list[tuple[str, str]]:
    """Why ``page`` (as it would go live) may not be published now: the window
    measured from the publication is too short and no reason is recorded."""
    moment = publication_moment(
        first_published_at=page.first_published_at,
        go_live_at=page.go_live_at,
        now=now,
    )
    errors = window_errors(
        kind=page.kind,
        market_related=page.is_market_related,
        open_date=page.open_date,
        close_date=page.close_date,
        published_on=timezone.localdate(moment),
        reason=page.short_window_reason,
    )
    return list(errors.items())


def form_publication_problems(
    instance, cleaned: dict, *, now: datetime.datetime | None = None
) -> list[tuple[str, str]]:
    """The same rule on the admin form, before anything is saved.

    The model's ``clean`` already reports the planned window of a draft and the
    actual window of a published page; this adds only what publishing now changes:
    a first publication later than the opening date.
    """
    if instance.first_published_at is not None:
        return []
    fields = {
        "kind": cleaned.get("kind") or DraftKind.OTHER,
        "market_related": bool(cleaned.get("is_market_related")),
        "open_date": cleaned.get("open_date"),
        "close_date": cleaned.get("close_date"),
        "reason": cleaned.get(REASON_FIELD) or "",
    }
    if window_errors(**fields):
        return []  # clean() reports the planned window
    moment = publication_moment(
        first_published_at=None, go_live_at=cleaned.get("go_live_at"), now=now
    )
    errors = window_errors(**fields, published_on=timezone.localdate(moment))
    return list(errors.items())
