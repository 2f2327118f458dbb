"""双公示 in the admin: the listing with filters and export, import, 信用修复."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import (
    DeadlineColumn,
    DecisionEditView,
    DecisionFilterSet,
    DecisionIndexView,
    PublicityColumn,
    import_view,
    repair_view,
)
from .models import CreditDecision


class CreditDecisionViewSet(ModelViewSet):
    model = CreditDecision
    name = "credit_decisions"
    icon = "doc-full"
    menu_label = _("双公示")
    menu_order = 320
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = DecisionIndexView
    edit_view_class = DecisionEditView
    filterset_class = DecisionFilterSet
    search_fields = ["document_number", "party_name"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        TitleColumn(
            "document_number", label=_("文书号"), url_name="credit_decisions:edit"
        ),
        Column("kind", label=_("类别"), accessor="get_kind_display"),
        # Staff lists show natural persons masked too; the edit form has the raw.
        Column("public_party_name", label=_("当事人")),
        Column("severity", label=_("失信程度"), accessor="get_severity_display"),
        DateColumn("decision_date", label=_("决定日期")),
        DeadlineColumn("due_date", label=_("公示期限")),
        PublicityColumn("publicity", label=_("公示期")),
        Column("department", label=_("承办科室")),
    ]
    # The export is the public version (masked), fit to publish or send on.
    list_export = [
        "get_kind_display",
        "document_number",
        "public_party_name",
        "get_party_type_display",
        "public_identifier",
        "public_content",
        "public_basis",
        "penalty_type",
        "fine_amount",
        "public_decision_content",
        "decision_date",
        "authority",
        "valid_from",
        "valid_until",
        "get_severity_display",
        "get_status_display",
        "due_date",
        "published_at",
        "publicity_end",
        "withdrawn_on",
        "get_withdrawal_display",
    ]
    export_headings = {
        "get_kind_display": "决定类别",
        "public_party_name": "当事人",
        "get_party_type_display": "当事人类型",
        "public_identifier": "统一社会信用代码/身份证号码",
        "public_content": "违法事实/许可内容",
        "public_basis": "依据",
        "public_decision_content": "决定内容",
        "get_severity_display": "失信严重程度",
        "get_status_display": "状态",
        "get_withdrawal_display": "停止公示原因",
    }
    export_filename = "双公示"
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("document_number")]),
        FieldRowPanel([FieldPanel("party_name"), FieldPanel("party_type")]),
        FieldRowPanel([FieldPanel("credit_code"), FieldPanel("id_number")]),
        FieldPanel("content"),
        FieldPanel("basis"),
        FieldRowPanel([FieldPanel("penalty_type"), FieldPanel("fine_amount")]),
        FieldPanel("decision_content"),
        FieldRowPanel(
            [
                FieldPanel("decision_date"),
                FieldPanel("authority"),
                FieldPanel("department"),
            ]
        ),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldRowPanel(
            [
                FieldPanel("severity"),
                FieldPanel("minor_published"),
                FieldPanel("status"),
            ]
        ),
        MultiFieldPanel(
            [FieldPanel("is_published"), FieldPanel("published_at")],
            heading=_("公示"),
        ),
    ]

    def get_queryset(self, request):
        return CreditDecision.objects.select_related("department")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", import_view, name="import"),
            path("<int:pk>/repair/", repair_view, name="repair"),
        ]


credit_decision_viewset = CreditDecisionViewSet()


@hooks.register("register_admin_viewset")
def register_viewset():
    return credit_decision_viewset
