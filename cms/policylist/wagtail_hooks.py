"""就业创业政策清单 in the admin: listing with filters, the expired-policy flag, export,
editing per department."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
)

from cms.review.records import DepartmentPermissionPolicy, InstancePermissionMixin
from cms.taxonomy.models import Audience, Organization

from .models import EXPIRED_POLICY_NOTE, PolicyListItem
from .selectors import list_freshness, with_policy_validity

register_permission_policy(PolicyListItem, DepartmentPermissionPolicy(PolicyListItem))


class PolicyListItemFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("责任科室"), queryset=Organization.objects.all()
    )
    audiences = django_filters.ModelChoiceFilter(
        label=_("服务对象"), queryset=Audience.objects.all()
    )
    published = django_filters.BooleanFilter(label=_("发布"))
    expired = django_filters.BooleanFilter(
        label=_("所依据政策已失效"), method="filter_expired"
    )

    class Meta:
        model = PolicyListItem
        fields = ["department", "audiences", "published"]

    def filter_expired(self, queryset, name, value):
        if value is None:
            return queryset
        queryset = with_policy_validity(queryset)
        if value:
            return queryset.exclude(policy_validity="valid")
        return queryset.filter(policy_validity="valid")


class ItemIndexView(IndexView):
    """The listing, headed by when the public list last changed (及时更新) and how
    many of its items rest on an expired policy."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        updated_at, expired = list_freshness()
        if updated_at is None:
            return context
        note = _("对外公开的清单最近更新于 %(time)s") % {
            "time": f"{timezone.localtime(updated_at):%Y-%m-%d %H:%M}"
        }
        if expired:
            note += _("；其中 %(count)s 项所依据政策已失效，请及时更新或下线") % {
                "count": expired
            }
        context["list_freshness"] = note
        return context


class ItemEditView(InstancePermissionMixin, EditView):
    pass


class ItemDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"


def _expired(item) -> str:
    return str(EXPIRED_POLICY_NOTE) if item.policy_expired else ""


class PolicyListItemViewSet(SnippetViewSet):
    model = PolicyListItem
    icon = "list-ul"
    menu_label = _("就业创业政策清单")
    menu_name = "policy_list"
    menu_order = 320
    add_to_admin_menu = True
    filterset_class = PolicyListItemFilterSet
    index_view_class = ItemIndexView
    index_template_name = "policylist/admin/index.html"
    edit_view_class = ItemEditView
    delete_view_class = ItemDeleteView
    search_fields = ["title", "scope"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "title",
        Column("policy", label=_("所依据政策")),
        Column("department", label=_("责任科室")),
        Column("expired", label=_("有效性"), accessor=_expired),
        BooleanColumn("published", label=_("发布")),
        DateColumn("updated_at", label=_("更新时间")),
    ]
    list_export = [
        "title",
        "policy",
        "scope",
        "requirements",
        "conditions_text",
        "materials",
        "procedure",
        "venue",
        "phone",
        "service_item",
        "department",
        "benefit_amount",
        "benefit_unit",
        "benefit_text",
        "published",
        "validity_note",
        "updated_at",
    ]
    export_headings = {
        "conditions_text": "条件",
        "validity_note": "有效性",
        "policy": "所依据政策",
    }
    export_filename = "就业创业政策清单"

    def get_queryset(self, request):
        """Only the items of the user's departments, with their policy's 有效性."""
        scoped = DepartmentPermissionPolicy(
            PolicyListItem
        ).instances_user_has_any_permission_for(request.user, ["change", "view"])
        return with_policy_validity(scoped).select_related("policy", "department")


register_snippet(PolicyListItemViewSet)
