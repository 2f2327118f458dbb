"""A flat, filterable list of all policies in the admin (政策文件)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.review.rules import HOOK_NAME, PublicationRule

from .models import PolicyPage
from .publication import disclosure_problems, form_disclosure_problems


class ValidityColumn(Column):
    def get_value(self, instance):
        return instance.get_validity_display()


class PolicyListingViewSet(PageListingViewSet):
    model = PolicyPage
    icon = "doc-full"
    menu_label = _("政策文件")
    menu_order = 110
    add_to_admin_menu = True
    columns = [
        *IndexView.base_columns[:2],
        Column("doc_number", label=_("发文字号")),
        Column("index_number", label=_("索引号")),
        Column("publish_date", label=_("发布日期")),
        ValidityColumn("validity", label=_("有效性")),
        Column("get_disclosure_display", label=_("公开属性")),
        Column("department", label=_("责任科室")),
    ]
    list_filter = [
        "department",
        "disclosure",
        "is_normative",
        "topics",
        "validity_override",
    ]


@hooks.register("register_admin_viewset")
def register_policy_listing():
    return PolicyListingViewSet("policies")


# First among the rules: a policy that is not 主动公开 is withheld, whatever else holds it.
@hooks.register(HOOK_NAME, order=-10)
def disclosure_rules():
    return [
        PublicationRule(
            applies_to=PolicyPage,
            problems=disclosure_problems,
            form_problems=form_disclosure_problems,
            held_action="cms.review.withheld",
        )
    ]
