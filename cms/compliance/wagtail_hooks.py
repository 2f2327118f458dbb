"""The compliance dashboard in the admin: home panel, report, column settings."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ColumnProfile
from .views import CompliancePanel, ComplianceReportView


class ColumnProfileViewSet(SnippetViewSet):
    model = ColumnProfile
    icon = "folder-open-inverse"
    menu_label = _("栏目检查设置")
    add_to_settings_menu = True
    list_display = ["page", "kind", "department"]
    list_filter = ["kind"]


register_snippet(ColumnProfileViewSet)


@hooks.register("register_admin_urls")
def register_compliance_urls():
    return [
        path("compliance/", ComplianceReportView.as_view(), name="compliance_report"),
    ]


@hooks.register("register_reports_menu_item")
def register_compliance_report_item():
    return MenuItem(
        _("网站检查指标"), reverse("compliance_report"), icon_name="warning", order=710
    )


@hooks.register("construct_homepage_panels")
def add_compliance_panel(request, panels):
    panels.insert(0, CompliancePanel())
