"""The link report of one page (shown from its edit view) and the broken-link report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from . import selectors
from .models import Link, LinkStatus
from .services import draft_links
from .tasks import inspect_page_links


def _page_for(request, page_id: int) -> Page:
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


class PageReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "linkcheck/page_report.html"
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        self.page = _page_for(request, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("链接检查：%(title)s") % {"title": self.page.title}

    def post(self, request, *args, **kwargs):
        result = inspect_page_links.enqueue(self.page.pk, force=True)
        if result.is_finished:
            messages.success(request, "已重新检查本页全部链接。")
        else:
            messages.success(request, "已提交重新检查，稍后刷新本页查看结果。")
        return redirect("linkcheck_page_report", self.page.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        live_ids = set()
        rows = list(selectors.page_links(self.page.pk))
        live_ids = {row.link_id for row in rows}
        pending = [
            link
            for link in Link.objects.filter(
                pk__in=[link.pk for link in draft_links(self.page)]
            ).exclude(pk__in=live_ids)
        ]
        context.update(
            page=self.page,
            rows=rows,
            pending=pending,
            summary=selectors.page_summary(self.page.pk),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            statuses=LinkStatus,
        )
        return context


class BrokenLinksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "linkcheck/broken_links.html"
    page_title = _("断链报告")
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("linkcheck.view_link"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.broken_links()[:500]
        context["suspected"] = Link.objects.filter(
            status=LinkStatus.CAUTION, failures__gt=0
        ).order_by("failing_since")[:500]
        return context
