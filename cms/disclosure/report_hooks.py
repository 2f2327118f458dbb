"""Admin URLs and menus for reply notices and the annual report.

Imported at the end of cms/disclosure/wagtail_hooks.py.
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import report_views as views
from .report_models import AnnualReportRecord


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "disclosure-notices/application/<int:application_id>/preview/",
            views.notice_preview,
            name="disclosure_notice_preview",
        ),
        path(
            "disclosure-notices/application/<int:application_id>/generate/",
            views.notice_generate,
            name="disclosure_notice_generate",
        ),
        path(
            "disclosure-notices/<int:notice_id>/",
            views.notice_detail,
            name="disclosure_notice_detail",
        ),
        path(
            "disclosure-notices/<int:notice_id>/pdf/",
            views.notice_pdf,
            name="disclosure_notice_pdf",
        ),
        path(
            "reports/disclosure-annual/",
            views.AnnualReportView.as_view(),
            name="disclosure_annual_report",
        ),
        path(
            "reports/disclosure-annual/<int:year>.xlsx",
            views.annual_report_export,
            name="disclosure_annual_report_export",
        ),
    ]


class _ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_REPORT)


@hooks.register("register_reports_menu_item")
def register_annual_report_menu_item():
    return _ReportMenuItem(
        _("政府信息公开年度报告"),
        reverse("disclosure_annual_report"),
        icon_name="table",
        order=720,
    )


def _outcome_row(prefix: str, heading: str) -> MultiFieldPanel:
    return MultiFieldPanel(
        [
            FieldRowPanel(
                [
                    FieldPanel(f"{prefix}_{outcome}")
                    for outcome in ("upheld", "corrected", "other", "pending")
                ]
            )
        ],
        heading=heading,
    )


class AnnualReportRecordViewSet(SnippetViewSet):
    model = AnnualReportRecord
    icon = "table"
    menu_label = _("年度报告填报数据")
    list_display = ["year", "updated_at"]
    ordering = ["-year"]
    panels = [
        FieldPanel("year"),
        FieldPanel("overview"),
        _outcome_row("review", _("行政复议")),
        _outcome_row("direct", _("行政诉讼：未经复议直接起诉")),
        _outcome_row("after_review", _("行政诉讼：复议后起诉")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("rules_issued"),
                        FieldPanel("rules_repealed"),
                        FieldPanel("rules_in_force"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("licensing_decisions"),
                        FieldPanel("penalty_decisions"),
                        FieldPanel("coercion_decisions"),
                    ]
                ),
                FieldPanel("fees_amount"),
            ],
            heading=_("主动公开（本系统未记录的部分）"),
        ),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]


register_snippet(AnnualReportRecordViewSet)
