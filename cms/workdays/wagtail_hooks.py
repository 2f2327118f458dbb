"""The working-day calendar in the admin (工作日历): day overrides and complete years."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CalendarOverride, CalendarYear
from .views import CalendarOverviewView


class CalendarOverrideViewSet(SnippetViewSet):
    model = CalendarOverride
    icon = "date"
    menu_label = _("日历调整")
    list_display = ["date", "is_working_day", "reason", "updated_at"]
    list_filter = ["is_working_day"]
    search_fields = ["reason"]
    ordering = ["-date"]


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "calendar-alt"
    menu_label = _("年度日历")
    list_display = ["year", "is_complete", "source", "updated_at"]
    ordering = ["-year"]


class WorkdaysGroup(SnippetViewSetGroup):
    menu_label = _("工作日历")
    menu_icon = "date"
    menu_order = 820
    submenu_hook = "register_workdays_menu_item"
    items = (CalendarOverrideViewSet, CalendarYearViewSet)


register_snippet(WorkdaysGroup)


@hooks.register("register_admin_urls")
def register_overview_url():
    return [
        path(
            "workdays/overview/",
            CalendarOverviewView.as_view(),
            name="workdays_overview",
        )
    ]


@hooks.register("register_workdays_menu_item")
def register_overview_menu_item():
    return MenuItem(
        _("工作日历一览"), reverse("workdays_overview"), icon_name="date", order=0
    )
