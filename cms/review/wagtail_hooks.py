"""Admin integration of the review rules: publish gate, audit log actions, report."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.log_actions import LogFormatter

from .mixins import ReviewedPageMixin
from .services import (
    MSG_REASON_REQUIRED,
    publication_problems,
    record_direct_publication,
)
from .views import DirectPublicationReportView

REASON_ATTR = "_cms_direct_publish_reason"


@hooks.register("before_publish_page")
def gate_direct_publication(request, page):
    page = page.specific
    if not isinstance(page, ReviewedPageMixin):
        return None
    reason = (request.POST.get("publish_reason") or "").strip()
    problems = [message for _field, message in publication_problems(page)]
    if not reason:
        problems.insert(0, MSG_REASON_REQUIRED)
    if problems:
        for message in problems:
            messages.error(request, f"未发布：{message}")
        # The draft was saved as a revision; nothing went live.
        return redirect("wagtailadmin_pages:edit", page.pk)
    setattr(request, REASON_ATTR, reason)
    return None


@hooks.register("after_publish_page")
def record_direct_publication_hook(request, page):
    reason = getattr(request, REASON_ATTR, None)
    if reason:
        record_direct_publication(page=page, user=request.user, reason=reason)


@hooks.register("before_copy_page")
def refuse_publishing_copies(request, page):
    """A copy is new content: it goes through review like any other draft."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    if not isinstance(page.specific, ReviewedPageMixin):
        return None
    messages.error(request, "复制的页面须经审查流程发布，请取消“发布副本”后再复制。")
    return redirect("wagtailadmin_pages:copy", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    reviewed = [obj for obj in objects if isinstance(obj.specific, ReviewedPageMixin)]
    if reviewed:
        titles = "、".join(f"《{obj.title}》" for obj in reviewed[:5])
        messages.error(
            request,
            f"{titles} 须经审查流程发布，或在编辑页填写理由后直接发布，不能批量发布。",
        )
        return redirect(request.GET.get("next") or reverse("wagtailadmin_explore_root"))
    return None


class _DataFormatter(LogFormatter):
    """A log message built from the entry's data, with a fixed label."""

    template = ""

    def render(self, data: dict) -> str:
        return self.template.format(**data)

    def format_message(self, log_entry):
        return self.render(log_entry.data or {})


class DirectPublishFormatter(_DataFormatter):
    label = _("直接发布（未经审查流程）")

    def render(self, data):
        return f"直接发布（未经审查流程），理由：{data.get('reason', '')}"


class WithheldFormatter(_DataFormatter):
    label = _("审查通过但未发布")

    def render(self, data):
        return "审查通过但未发布：" + "；".join(data.get("problems", []))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("cms.review.direct_publish")(DirectPublishFormatter)
    actions.register_action("cms.review.withheld")(WithheldFormatter)
    actions.register_action("cms.import", _("导入发布"), _("由导入程序发布"))


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/direct-publications/",
            DirectPublicationReportView.as_view(),
            name="direct_publications_report",
        ),
        path(
            "reports/direct-publications/results/",
            DirectPublicationReportView.as_view(results_only=True),
            name="direct_publications_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return AdminOnlyMenuItem(
        _("直接发布记录"),
        reverse("direct_publications_report"),
        icon_name="warning",
        order=700,
    )
