"""The compliance report in the admin (网站检查指标) and its home panel."""

from __future__ import annotations

from django.utils import timezone
from django.views.generic import View
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .chart import history, sparkline, state_chart
from .registry import STATE_ORDER, measure_all


def dashboard_rows(today):
    rows = measure_all(today)
    return sorted(rows, key=lambda row: STATE_ORDER[row.state])


class ComplianceReportView(WagtailAdminTemplateMixin, View):
    template_name = "compliance/report.html"
    page_title = "网站检查指标"
    header_icon = "warning"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        snapshots = history(today=today)
        rows = dashboard_rows(today)
        context.update(
            today=today,
            rows=[
                (row, sparkline(snapshots, row.indicator.key, today=today))
                for row in rows
            ],
            chart=state_chart(snapshots, today=today),
            snapshot_count=len(snapshots),
            predictions=[p for row in rows for p in row.measurement.predictions],
        )
        return context


class CompliancePanel(Component):
    """Admin home: one line per indicator, worst first, with its predictions."""

    name = "compliance"
    template_name = "compliance/panel.html"
    order = 50

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        rows = dashboard_rows(today)
        return {
            "rows": rows,
            "today": today,
            "predictions": [p for row in rows for p in row.measurement.predictions],
        }
