"""依申请公开 in the admin: the application listing and processing, the deadline
dashboard (menu item and home-page panel) and the export of personal data."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from cms.participation.masking import mask_name, mask_phone

from . import selectors
from .admin_views import (
    CHANGE_PERMISSION,
    ApplicationFilterSet,
    ApplicationIndexView,
    DashboardView,
    ExportView,
    MaskedColumn,
    ProcessView,
    RegisterView,
    due_display,
)
from .models import DisclosureApplication


class DisclosureApplicationViewSet(ModelViewSet):
    """Applications come in through GraphQL, or staff register one that came on
    paper (登记书面申请); every later change is a processing step."""

    model = DisclosureApplication
    icon = "doc-full"
    menu_label = _("依申请公开")
    menu_name = "disclosure"
    menu_order = 300
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = ApplicationIndexView
    filterset_class = ApplicationFilterSet
    search_fields = ["tracking_number", "doc_number", "description"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "tracking_number",
            label=_("申请编号"),
            url_name="disclosure:edit",
        ),
        MaskedColumn("name", mask_name, label=_("申请人")),
        MaskedColumn("phone", mask_phone, label=_("联系电话")),
        Column(
            "applicant_type",
            label=_("申请人类型"),
            accessor="get_applicant_type_display",
        ),
        Column("status", label=_("状态"), accessor="get_status_display"),
        DateColumn("received_date", label=_("收到申请之日")),
        Column("due_date", label=_("答复期限"), accessor=due_display),
        Column("assignee", label=_("承办人")),
    ]

    def get_common_view_kwargs(self, **kwargs):
        # No generic create, delete, history or usage views: every change is a step.
        return super().get_common_view_kwargs(
            add_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            register_url_name=self.get_url_name("register"), **kwargs
        )

    def get_urlpatterns(self):
        common = {"index_url_name": self.get_url_name("index")}
        return [
            path("", self.index_view, name="index"),
            path(
                "register/",
                RegisterView.as_view(edit_url_name=self.get_url_name("edit"), **common),
                name="register",
            ),
            path("results/", self.index_results_view, name="index_results"),
            path("edit/<int:pk>/", ProcessView.as_view(**common), name="edit"),
            path(
                "dashboard/",
                DashboardView.as_view(
                    edit_url_name=self.get_url_name("edit"), **common
                ),
                name="dashboard",
            ),
            path("export/", ExportView.as_view(), name="export"),
        ]

    def get_permissions_to_register(self):
        # All of them, including the custom ones, appear in the group editor.
        content_type = ContentType.objects.get_for_model(self.model)
        return Permission.objects.filter(content_type=content_type)


disclosure_viewset = DisclosureApplicationViewSet("disclosure")


@hooks.register("register_admin_viewset")
def register_viewset():
    return disclosure_viewset


class DeadlinePanel(Component):
    name = "disclosure_deadlines"
    order = 90

    def render_html(self, parent_context=None):
        counts = selectors.dashboard_counts(timezone.localdate())
        return render_to_string(
            "disclosure/admin/home_panel.html",
            {
                "counts": counts,
                "dashboard_url": reverse("disclosure:dashboard"),
                "index_url": reverse("disclosure:index"),
            },
        )


class _StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(CHANGE_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_dashboard_menu_item():
    return _StaffMenuItem(
        _("依申请公开期限提醒"),
        reverse("disclosure:dashboard"),
        icon_name="time",
        order=650,
    )


@hooks.register("construct_homepage_panels")
def add_deadline_panel(request, panels):
    if request.user.has_perm(CHANGE_PERMISSION):
        panels.append(DeadlinePanel())


from . import report_hooks  # noqa: E402, F401  (notices and the annual report)
