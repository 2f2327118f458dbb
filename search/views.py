"""Admin reports of what the public searched: 热门搜索 and 无结果搜索.

Each row links to the synonym and dictionary forms prefilled with the query, so an
editor who sees 失业金怎么领 finding nothing can act on it in two clicks.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy

from .models import DictionaryTerm, SearchQueryLog, SynonymGroup
from .reports import (
    DEFAULT_PERIOD,
    PERIODS,
    hot_queries,
    period_start,
    zero_result_queries,
)

report_permission_policy = ModelPermissionPolicy(SearchQueryLog)


def prefilled_add_url(model: type, field: str, value: str) -> str:
    """The snippet create form of ``model`` with ``field`` filled in."""
    url = reverse(model.snippet_viewset.get_url_name("add"))
    return f"{url}?{urlencode({field: value})}"


class QueryActionsColumn(Column):
    """添加同义词 and 加入词典 for the row's query."""

    cell_template_name = "search/reports/actions_cell.html"

    def get_cell_context_data(self, instance: Any, parent_context: Any) -> dict:
        context = super().get_cell_context_data(instance, parent_context)
        query = instance["normalized"]
        context["synonym_url"] = prefilled_add_url(SynonymGroup, "terms", query)
        context["dictionary_url"] = prefilled_add_url(DictionaryTerm, "word", query)
        return context


class AverageColumn(Column):
    def get_cell_context_data(self, instance: Any, parent_context: Any) -> dict:
        context = super().get_cell_context_data(instance, parent_context)
        average = context["raw_value"]
        context["value"] = f"{average:.1f}" if average is not None else ""
        return context


class _PassThrough(django_filters.ChoiceFilter):
    """A filter the view applies itself (the rows are aggregates, not log rows)."""

    def filter(self, qs: Any, value: Any) -> Any:
        return qs


class _SitePassThrough(django_filters.ModelChoiceFilter):
    def filter(self, qs: Any, value: Any) -> Any:
        return qs


class SearchReportFilterSet(WagtailFilterSet):
    period = _PassThrough(
        label=_("时间范围"),
        choices=list(PERIODS.items()),
        empty_label=None,
    )
    site = _SitePassThrough(
        label=_("站点"),
        queryset=Site.objects.all(),
        empty_label=_("全部站点"),
    )

    class Meta:
        model = SearchQueryLog
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and "period" not in data:
            data = data.copy()
            data["period"] = DEFAULT_PERIOD
        super().__init__(data, *args, **kwargs)
        if Site.objects.count() < 2:
            del self.filters["site"]


class SearchQueryReportView(ReportView):
    """The shared part: permission, period and site filter, export."""

    filterset_class = SearchReportFilterSet
    permission_policy = report_permission_policy
    permission_required = "view"
    paginate_by = 50

    @cached_property
    def _criteria(self) -> dict:
        data = (
            self.filters.form.cleaned_data
            if self.filters and self.filters.is_valid()
            else {}
        )
        return {
            "since": period_start(data.get("period")),
            "site": data.get("site"),
        }

    def filter_queryset(self, queryset: Any) -> Any:
        return queryset  # applied in get_queryset, before the grouping

    def get_filename(self) -> str:
        return f"{self.export_filename}-{self.request.GET.get('period') or DEFAULT_PERIOD}d"


class HotQueriesReportView(SearchQueryReportView):
    page_title = _("热门搜索")
    header_icon = "search"
    index_url_name = "search_hot_queries:index"
    index_results_url_name = "search_hot_queries:results"
    export_filename = "hot-searches"
    list_export = ["normalized", "count", "average_results", "last_searched_at"]
    export_headings = {
        "normalized": "搜索词",
        "count": "搜索次数",
        "average_results": "平均结果数",
        "last_searched_at": "最近搜索时间",
    }
    columns = [
        Column("normalized", label=_("搜索词")),
        Column("count", label=_("搜索次数")),
        AverageColumn("average_results", label=_("平均结果数")),
        DateColumn("last_searched_at", label=_("最近搜索时间")),
        QueryActionsColumn("actions", label=_("操作")),
    ]

    def get_queryset(self) -> Any:
        return hot_queries(**self._criteria)


class ZeroResultQueriesReportView(SearchQueryReportView):
    page_title = _("无结果搜索")
    header_icon = "warning"
    index_url_name = "search_zero_results:index"
    index_results_url_name = "search_zero_results:results"
    export_filename = "zero-result-searches"
    list_export = ["normalized", "count", "last_searched_at"]
    export_headings = {
        "normalized": "搜索词",
        "count": "搜索次数",
        "last_searched_at": "最近搜索时间",
    }
    columns = [
        Column("normalized", label=_("搜索词")),
        Column("count", label=_("搜索次数")),
        DateColumn("last_searched_at", label=_("最近搜索时间")),
        QueryActionsColumn("actions", label=_("操作")),
    ]

    def get_queryset(self) -> Any:
        return zero_result_queries(**self._criteria)
