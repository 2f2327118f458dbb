"""财政信息 in the admin: listing with the due date, the "已超期" filter, export,
editing per department."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from cms.review.records import DepartmentPermissionPolicy, InstancePermissionMixin
from cms.taxonomy.models import Organization

from .models import FiscalDisclosure, Kind
from .selectors import overdue_condition

register_permission_policy(
    FiscalDisclosure, DepartmentPermissionPolicy(FiscalDisclosure)
)


class FiscalDisclosureFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=Kind.choices)
    year = django_filters.NumberFilter(label=_("年度"))
    department = django_filters.ModelChoiceFilter(
        label=_("责任科室"), queryset=Organization.objects.all()
    )
    published = django_filters.BooleanFilter(label=_("发布"))
    overdue = django_filters.BooleanFilter(label=_("已超期"), method="filter_overdue")

    class Meta:
        model = FiscalDisclosure
        fields = ["kind", "year", "department", "published"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(overdue_condition())
        return queryset.exclude(overdue_condition())


class DisclosureEditView(InstancePermissionMixin, EditView):
    pass


class DisclosureDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"


def _overdue(disclosure) -> str:
    return str(_("已超期")) if disclosure.is_overdue() else ""


class FiscalDisclosureViewSet(SnippetViewSet):
    model = FiscalDisclosure
    icon = "table"
    menu_label = _("财政信息")
    menu_name = "fiscal_disclosures"
    menu_order = 322
    add_to_admin_menu = True
    filterset_class = FiscalDisclosureFilterSet
    edit_view_class = DisclosureEditView
    delete_view_class = DisclosureDeleteView
    search_fields = ["title"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "title",
        Column("kind", label=_("类别"), accessor="get_kind_display"),
        "year",
        Column("department", label=_("责任科室")),
        DateColumn("approval_date", label=_("批复日期")),
        DateColumn("due_date", label=_("公开期限")),
        DateColumn("disclosed_on", label=_("公开日期")),
        Column("overdue", label=_("超期"), accessor=_overdue),
        BooleanColumn("published", label=_("发布")),
    ]
    list_export = [
        "title",
        "get_kind_display",
        "year",
        "department",
        "approval_date",
        "due_date",
        "disclosed_on",
        "overdue_note",
        "published",
    ]
    export_headings = {
        "get_kind_display": "类别",
        "overdue_note": "超期",
        "department": "责任科室",
    }
    export_filename = "财政信息"
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("approval_date"), FieldPanel("disclosed_on")]),
        FieldRowPanel([FieldPanel("department"), FieldPanel("published")]),
        InlinePanel("figures", label=_("主要数据")),
        InlinePanel("attachments", label=_("附件（表格，PDF 或 Excel）")),
    ]

    def get_queryset(self, request):
        """Only the disclosures of the user's departments."""
        return (
            DepartmentPermissionPolicy(FiscalDisclosure)
            .instances_user_has_any_permission_for(request.user, ["change", "view"])
            .select_related("department")
        )


register_snippet(FiscalDisclosureViewSet)
