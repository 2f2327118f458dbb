"""定期清理 in the admin: the review of proposals, the retention rules per column
type, and the audit-log actions."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from .models import RetentionRule
from .views import PERMISSION, CleanupReviewView


class RetentionRuleViewSet(ModelViewSet):
    model = RetentionRule
    icon = "time"
    menu_label = _("栏目保留期限")
    add_to_settings_menu = True
    list_display = ["page_type", "months", "action", "enabled"]
    form_fields = ["page_type", "months", "action", "enabled"]


@hooks.register("register_admin_viewset")
def register_retention_rules():
    return RetentionRuleViewSet("retention_rules")


@hooks.register("register_admin_urls")
def register_cleanup_urls():
    return [path("cleanup/", CleanupReviewView.as_view(), name="cleanup_review")]


class CleanupMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_cleanup_menu_item():
    return CleanupMenuItem(
        _("定期清理"), reverse("cleanup_review"), icon_name="bin", order=720
    )


class _DataFormatter(LogFormatter):
    def format_message(self, log_entry):
        return self.render(log_entry.data or {})


class DoneFormatter(_DataFormatter):
    label = _("定期清理")

    def render(self, data):
        return f"定期清理（{data.get('reason', '')}）：{data.get('result', '')}"


class RejectedFormatter(_DataFormatter):
    label = _("定期清理任务被驳回")

    def render(self, data):
        return f"定期清理任务（{data.get('reason', '')}）被驳回：{data.get('note', '')}"


class ValidityFormatter(_DataFormatter):
    label = _("有效性按日期变更")

    def render(self, data):
        return (
            f"{data.get('on', '')} 起由“{data.get('from', '')}”变为"
            f"“{data.get('to', '')}”（有效性：{data.get('validity', '')}）"
        )


@hooks.register("register_log_actions")
def register_cleanup_log_actions(actions):
    actions.register_action("cms.cleanup.done")(DoneFormatter)
    actions.register_action("cms.cleanup.rejected")(RejectedFormatter)
    actions.register_action("cms.cleanup.validity")(ValidityFormatter)
