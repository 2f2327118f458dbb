"""待遇标准调整 in the admin: listing with filters, the 公开期限 and overdue flag,
export, import, editing per department."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.review.records import DepartmentPermissionPolicy

from .admin_views import (
    BenefitStandardFilterSet,
    DueColumn,
    StandardDeleteView,
    StandardEditView,
    StandardIndexView,
    import_view,
)
from .models import BenefitStandard

register_permission_policy(BenefitStandard, DepartmentPermissionPolicy(BenefitStandard))


class BenefitStandardViewSet(SnippetViewSet):
    model = BenefitStandard
    icon = "table"
    menu_label = _("待遇标准调整")
    menu_name = "benefit_standards"
    menu_order = 321
    add_to_admin_menu = True
    filterset_class = BenefitStandardFilterSet
    index_view_class = StandardIndexView
    edit_view_class = StandardEditView
    delete_view_class = StandardDeleteView
    search_fields = ["category"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        Column("scheme", label=_("待遇项目"), accessor="get_scheme_display"),
        "category",
        "amount",
        "previous_amount",
        "unit",
        DateColumn("effective_from", label=_("执行起始日")),
        DateColumn("effective_to", label=_("执行截止日")),
        DateColumn("decision_date", label=_("调整决定日期")),
        DueColumn("due_date", label=_("公开期限")),
        DateColumn("disclosed_on", label=_("公开日期")),
        Column("department", label=_("责任科室")),
    ]
    list_export = [
        "get_scheme_display",
        "category",
        "amount",
        "unit",
        "previous_amount",
        "effective_from",
        "effective_to",
        "basis_policy",
        "department",
        "decision_date",
        "due_date",
        "disclosed_on",
        "overdue_note",
    ]
    export_headings = {
        "get_scheme_display": "待遇项目",
        "basis_policy": "调整依据",
        "department": "责任科室",
        "overdue_note": "超期",
    }
    export_filename = "待遇标准调整"
    panels = [
        FieldRowPanel([FieldPanel("scheme"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]),
        FieldPanel("basis_policy"),
        FieldRowPanel([FieldPanel("decision_date"), FieldPanel("disclosed_on")]),
        FieldPanel("department"),
    ]

    def get_queryset(self, request):
        """Only the standards of the user's departments (and those of none)."""
        return (
            DepartmentPermissionPolicy(BenefitStandard)
            .instances_user_has_any_permission_for(request.user, ["change", "view"])
            .select_related("department", "basis_policy")
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", import_view, name="import")]


register_snippet(BenefitStandardViewSet)
