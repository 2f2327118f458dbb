"""The year overview of the working-day calendar in the admin (工作日历一览)."""

from __future__ import annotations

import calendar as pycalendar
import datetime

from django.utils import timezone
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import calendar
from .models import CalendarYear

WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]
SOURCES = {
    "override": "日历调整",
    "official": "国家公布的节假日安排",
    "complete_year": "年度日历（已录入）",
    "assumed": (
        "暂定：按《全国年节及纪念日放假办法》（2024年修订）的法定节假日"
        "（元旦1天、春节4天、清明节1天、劳动节2天、端午节1天、中秋节1天、国庆节3天，"
        "逢周六、周日补假）和周一至周五推算，不含调休"
    ),
}


def year_status(year: int, days: list[calendar.DayInfo]) -> str:
    if any(day.source == "official" for day in days):
        return "official"
    if CalendarYear.objects.filter(year=year, is_complete=True).exists():
        return "complete_year"
    return "assumed"


def day_class(day: calendar.DayInfo) -> str:
    weekend = day.date.weekday() >= 5
    if day.is_working_day:
        kind = "adjusted-working" if weekend else "working"
    else:
        kind = "weekend" if weekend else "holiday"
    return f"{kind} {day.source}" + (" provisional" if day.provisional else "")


class CalendarOverviewView(WagtailAdminTemplateMixin, View):
    template_name = "workdays/overview.html"
    page_title = "工作日历一览"
    header_icon = "date"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_year(self) -> int:
        today = timezone.localdate().year
        try:
            year = int(self.request.GET.get("year", today))
        except ValueError:
            return today
        return year if 2004 <= year <= 2100 else today

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.get_year()
        days = calendar.year_days(year)
        by_date = {day.date: day for day in days}
        months = []
        for month in range(1, 13):
            weeks = [
                [
                    (
                        by_date[datetime.date(year, month, d)],
                        day_class(by_date[datetime.date(year, month, d)]),
                    )
                    if d
                    else None
                    for d in week
                ]
                for week in pycalendar.Calendar().monthdayscalendar(year, month)
            ]
            months.append({"number": month, "weeks": weeks})
        status = year_status(year, days)
        this_year = timezone.localdate().year
        context.update(
            year=year,
            years=range(this_year - 2, this_year + 4),
            weekdays=WEEKDAYS,
            months=months,
            status=status,
            status_label=SOURCES[status],
            working_days=sum(day.is_working_day for day in days),
            special_days=[
                day
                for day in days
                if day.source == "override"
                or (day.is_working_day == (day.date.weekday() >= 5))
                or (day.source == "assumed" and day.note)
            ],
        )
        return context
