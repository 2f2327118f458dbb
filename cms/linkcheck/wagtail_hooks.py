"""Link inspection in the admin: the publication rule, the report on each page's
edit view (with 重新检查), the broken-link report."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from cms.review.mixins import ReviewedPageMixin
from cms.review.rules import HOOK_NAME, PublicationRule

from . import checks, selectors
from .views import BrokenLinksView, PageReportView


# After the domains' own rules: a page that may not go live anyway is held by them.
@hooks.register(HOOK_NAME, order=20)
def link_rules():
    return [
        PublicationRule(
            applies_to=ReviewedPageMixin,
            problems=checks.publication_problems,
            held_action="cms.linkcheck.held",
        )
    ]


class HeldFormatter(LogFormatter):
    label = _("链接有误，审查通过但未发布")

    def format_message(self, log_entry):
        return "链接有误，审查通过但未发布：" + "；".join(
            (log_entry.data or {}).get("problems", [])
        )


@hooks.register("register_log_actions")
def register_linkcheck_log_actions(actions):
    actions.register_action("cms.linkcheck.held")(HeldFormatter)


@hooks.register("register_admin_urls")
def register_linkcheck_urls():
    return [
        path(
            "linkcheck/pages/<int:page_id>/",
            PageReportView.as_view(),
            name="linkcheck_page_report",
        ),
        path("linkcheck/broken/", BrokenLinksView.as_view(), name="linkcheck_broken"),
    ]


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("linkcheck.view_link")


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return BrokenLinksMenuItem(
        _("断链报告"), reverse("linkcheck_broken"), icon_name="link", order=710
    )


@hooks.register("register_page_header_buttons")
def link_report_button(page, user, view_name, next_url=None):
    if view_name == "edit":
        yield Button(
            _("链接检查"),
            reverse("linkcheck_page_report", args=[page.pk]),
            icon_name="link",
            priority=60,
        )


@hooks.register("before_edit_page")
def show_link_report(request, page):
    """The edit view opens with the page's link report in brief (the reviewer sees
    it too): the warnings of the version awaiting publication and the last check."""
    if request.method != "GET":
        return None
    page = page.specific
    report = reverse("linkcheck_page_report", args=[page.pk])
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    warnings = checks.publication_warnings(draft)
    summary = selectors.page_summary(page.pk)
    last = summary["last_checked"]
    checked = f"最近检查 {localtime(last):%Y-%m-%d %H:%M}" if last else "尚未检查"
    if warnings:
        messages.warning(
            request,
            f"链接检查（{checked}）："
            + "；".join(warnings[:5])
            + ("等" if len(warnings) > 5 else ""),
            buttons=[messages.button(report, "查看报告、重新检查")],
        )
    elif summary["total"]:
        counts = summary["counts"]
        messages.info(
            request,
            f"链接检查（{checked}）：{summary['total']} 个链接，"
            f"断链 {counts['broken']}，需关注 {counts['caution']}。",
            buttons=[messages.button(report, "查看报告、重新检查")],
        )
    return None


@hooks.register("before_publish_page")
def warn_before_publish(request, page):
    for warning in checks.publication_warnings(page.specific)[:10]:
        messages.warning(request, f"链接提示：{warning}")
    return None
