"""待遇标准调整 in the admin: listing with the disclosure due date and overdue flag."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BenefitStandard


def _overdue(standard) -> str:
    return str(_("已超期")) if standard.is_overdue() else ""


class BenefitStandardViewSet(SnippetViewSet):
    model = BenefitStandard
    icon = "table"
    menu_label = _("待遇标准调整")
    menu_name = "benefit_standards"
    menu_order = 321
    add_to_admin_menu = True
    list_filter = ["scheme", "department"]
    list_display = [
        Column("scheme", label=_("待遇项目"), accessor="get_scheme_display"),
        "category",
        "amount",
        "unit",
        DateColumn("effective_from", label=_("执行起始日")),
        DateColumn("decision_date", label=_("调整决定日期")),
        DateColumn("disclosure_due", label=_("公开期限")),
        Column("overdue", label=_("超期"), accessor=_overdue),
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
        "decision_date",
        "disclosure_due",
        "disclosed_on",
    ]
    export_headings = {"get_scheme_display": "待遇项目", "disclosure_due": "公开期限"}
    export_filename = "待遇标准调整"
    panels = [
        FieldRowPanel([FieldPanel("scheme"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]),
        FieldPanel("basis_policy"),
        FieldRowPanel([FieldPanel("decision_date"), FieldPanel("disclosed_on")]),
        FieldPanel("department"),
    ]


register_snippet(BenefitStandardViewSet)
