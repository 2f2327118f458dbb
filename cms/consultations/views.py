"""Admin views: review a consultation's comments, generate the 意见采纳情况, export,
and the enterprise-share report of 惠企 drafts."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.participation.masking import mask_name

from .contact import mask_contact
from .forms import CommentReviewFormSet
from .models import ConsultationPage, ModerationStatus
from .selectors import ENTERPRISE_SHARE_TARGET, comment_stats, enterprise_share_rows
from .services import ReportNotReady, adoption_report_generate, comments_moderate

CHANGE_PERMISSION = "consultations.change_consultationcomment"
EXPORT_PERMISSION = "consultations.export_consultationcomment"
BULK_STATUSES = {
    "approve": ModerationStatus.APPROVED,
    "hide": ModerationStatus.HIDDEN,
    "reset": ModerationStatus.PENDING,
}


def _consultation_for(request, page_id: int) -> ConsultationPage:
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


class ConsultationCommentsView(WagtailAdminTemplateMixin, TemplateView):
    """All comments of one consultation: bulk moderation, decisions with reasons."""

    template_name = "consultations/admin/comments.html"
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        self.page = _consultation_for(request, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"意见审核与处理：{self.page.title}"

    def comments(self):
        queryset = self.page.consultation_comments.order_by("created_at", "pk")
        status = self.request.GET.get("status")
        if status in ModerationStatus.values:
            queryset = queryset.filter(moderation_status=status)
        return queryset

    def get_context_data(self, formset=None, **kwargs):
        context = super().get_context_data(**kwargs)
        formset = formset or CommentReviewFormSet(queryset=self.comments())
        context.update(
            page=self.page,
            formset=formset,
            rows=[
                (
                    form,
                    form.instance,
                    mask_name(form.instance.name),
                    mask_contact(form.instance.contact),
                )
                for form in formset.forms
            ],
            stats=comment_stats(self.page),
            is_enterprise_related=self.page.is_enterprise_related,
            target_percent=int(ENTERPRISE_SHARE_TARGET * 100),
            statuses=ModerationStatus.choices,
            current_status=self.request.GET.get("status", ""),
            can_export=self.request.user.has_perm(EXPORT_PERMISSION),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            has_closed=self.page.has_closed,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "save")
        here = request.get_full_path()
        if action in BULK_STATUSES:
            ids = [int(pk) for pk in request.POST.getlist("selected") if pk.isdigit()]
            count = comments_moderate(
                comments=self.page.consultation_comments.filter(pk__in=ids),
                status=BULK_STATUSES[action],
            )
            label = ModerationStatus(BULK_STATUSES[action]).label
            messages.success(request, f"已将 {count} 条意见设为“{label}”。")
            return redirect(here)
        if action == "report":
            try:
                adoption_report_generate(consultation=self.page, user=request.user)
            except ReportNotReady as error:
                messages.error(request, f"未生成：{error.message}")
                return redirect(here)
            messages.success(
                request,
                "已生成意见采纳情况（草稿），请核对后提交审查或发布。",
            )
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        formset = CommentReviewFormSet(request.POST, queryset=self.comments())
        if not formset.is_valid():
            messages.error(request, "未保存：请按提示修改。")
            return self.render_to_response(self.get_context_data(formset=formset))
        saved = formset.save()
        messages.success(request, f"已保存 {len(saved)} 条意见的审核与处理结果。")
        return redirect(here)


def export_comments(request, page_id: int) -> HttpResponse:
    """Every comment of a consultation, contacts in full: for permitted staff only."""
    page = _consultation_for(request, page_id)
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"consultation-{page.pk}-comments-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM.
    writer = csv.writer(response)
    writer.writerow(
        [
            "回执编号",
            "提交时间",
            "意见人类型",
            "所属行业",
            "企业规模",
            "姓名或企业名称",
            "联系方式",
            "意见内容",
            "审核状态",
            "处理结果",
            "理由",
        ]
    )
    for comment in page.consultation_comments.order_by("created_at", "pk"):
        writer.writerow(
            [
                comment.receipt_number,
                timezone.localtime(comment.created_at).strftime("%Y-%m-%d %H:%M"),
                comment.get_commenter_type_display(),
                comment.get_industry_display(),
                comment.get_enterprise_size_display(),
                comment.name,
                comment.contact,
                comment.content,
                comment.get_moderation_status_display(),
                comment.get_decision_display(),
                comment.decision_reason,
            ]
        )
    return response


class EnterpriseShareReportView(WagtailAdminTemplateMixin, TemplateView):
    """惠企 drafts and their enterprise share; those under 50% stand out."""

    template_name = "consultations/admin/enterprise_share.html"
    page_title = _("惠企政策企业意见占比")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = enterprise_share_rows()
        context["target_percent"] = int(ENTERPRISE_SHARE_TARGET * 100)
        return context
