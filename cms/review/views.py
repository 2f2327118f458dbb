"""The report of publications that bypassed review (直接发布记录)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.reports import ReportView

from .models import DirectPublication


class DirectPublicationReportView(ReportView):
    page_title = _("直接发布记录")
    header_icon = "warning"
    index_url_name = "direct_publications_report"
    index_results_url_name = "direct_publications_report_results"
    model = DirectPublication
    list_export = ["page_title", "user", "reason", "created_at"]
    export_headings = {
        "page_title": "页面",
        "user": "发布人",
        "reason": "理由",
        "created_at": "发布时间",
    }

    columns = [
        TitleColumn(
            "page_title",
            label=_("页面"),
            get_url=lambda record: (
                f"/admin/pages/{record.page_id}/history/" if record.page_id else None
            ),
        ),
        UserColumn("user", label=_("发布人")),
        Column("reason", label=_("理由")),
        DateColumn("created_at", label=_("发布时间")),
    ]

    def get_queryset(self):
        return DirectPublication.objects.select_related("user").order_by("-created_at")
