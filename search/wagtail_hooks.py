"""Search in the admin, grouped under 搜索: dictionary, synonyms and the two reports."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .models import DictionaryTerm, SynonymGroup
from .views import (
    HotQueriesReportView,
    ZeroResultQueriesReportView,
    report_permission_policy,
)


class PrefilledCreateView(CreateView):
    """The create form, with the fields named in ``prefill_fields`` taken from the
    query string (the reports' 添加同义词 / 加入词典 links)."""

    prefill_fields: tuple[str, ...] = ()

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        for name in self.prefill_fields:
            value = self.request.GET.get(name, "").strip()
            if value:
                initial[name] = value[:200]
        return initial


class DictionaryTermCreateView(PrefilledCreateView):
    prefill_fields = ("word",)


class SynonymGroupCreateView(PrefilledCreateView):
    prefill_fields = ("terms",)


class DictionaryTermViewSet(SnippetViewSet):
    model = DictionaryTerm
    add_view_class = DictionaryTermCreateView
    icon = "openquote"
    menu_label = "搜索词典"
    list_display = ["word", "frequency", "part_of_speech", "note", "updated_at"]
    search_fields = ["word", "note"]


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    add_view_class = SynonymGroupCreateView
    icon = "list-ul"
    menu_label = "同义词"
    list_display = ["__str__", "is_active", "note", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["terms", "note"]


class ReportMenuItem(MenuItem):
    """Shown to those who may read the search log."""

    def is_shown(self, request: HttpRequest) -> bool:
        return report_permission_policy.user_has_permission(request.user, "view")


class _ReportViewSet(ViewSet):
    menu_item_class = ReportMenuItem
    view_class: type = HotQueriesReportView

    def get_urlpatterns(self) -> list:
        return [
            path("", self.view_class.as_view(), name="index"),
            path(
                "results/", self.view_class.as_view(results_only=True), name="results"
            ),
        ]


class HotQueriesViewSet(_ReportViewSet):
    name = "search_hot_queries"
    url_prefix = "search/hot-queries"
    icon = "search"
    menu_label = "热门搜索"
    view_class = HotQueriesReportView


class ZeroResultQueriesViewSet(_ReportViewSet):
    name = "search_zero_results"
    url_prefix = "search/zero-results"
    icon = "warning"
    menu_label = "无结果搜索"
    view_class = ZeroResultQueriesReportView


class SearchGroup(SnippetViewSetGroup):
    menu_label = "搜索"
    menu_icon = "search"
    menu_order = 260
    items = (
        DictionaryTermViewSet,
        SynonymGroupViewSet,
        HotQueriesViewSet,
        ZeroResultQueriesViewSet,
    )


register_snippet(SearchGroup)
