"""The review of clean-up tasks: the open proposals with approve/reject, and the log
of what was decided."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .models import Action, CleanupTask, TaskStatus
from .services import CleanupRefused, approve_task, reject_task

PERMISSION = "cleanup.change_cleanuptask"


class CleanupReviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cleanup/review.html"
    page_title = _("定期清理")
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        task = get_object_or_404(CleanupTask, pk=request.POST.get("task"))
        note = (request.POST.get("note") or "").strip()
        try:
            if request.POST.get("decision") == "approve":
                approve_task(
                    task=task,
                    user=request.user,
                    action=request.POST.get("action") or None,
                    note=note,
                )
                messages.success(request, f"《{task.page.title}》：{task.result}")
            elif request.POST.get("decision") == "reject":
                if not note:
                    raise CleanupRefused("驳回时请填写审核意见。")
                reject_task(task=task, user=request.user, note=note)
                messages.success(request, f"已驳回《{task.page.title}》的清理任务。")
            else:
                raise CleanupRefused("请选择通过或驳回。")
        except CleanupRefused as error:
            messages.error(request, f"《{task.page.title}》：{error}")
        return redirect("cleanup_review")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tasks = CleanupTask.objects.select_related("page", "successor", "reviewed_by")
        context["open_tasks"] = tasks.filter(status=TaskStatus.PROPOSED).order_by(
            "proposed_at", "pk"
        )
        context["decided"] = tasks.exclude(status=TaskStatus.PROPOSED).order_by(
            "-reviewed_at", "-pk"
        )[:200]
        context["actions"] = Action.choices
        return context
