"""Review before publish (先审查、后公开, 一事一审): tasks, their records, and bypasses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, TaskState

from .checklist import CHECKLIST, checklist_summary


class ReviewKind(models.TextChoices):
    SECRECY = "secrecy", _("保密审查")
    DISCLOSURE = "disclosure", _("公开属性审查")
    LEGAL = "legal", _("法制审核")


class ReviewTaskState(TaskState):
    """One review of one revision: the reviewer's opinion and the six-point checklist."""

    opinion = models.TextField(_("审查意见"), blank=True)
    checklist = models.JSONField(_("六关审查"), default=dict, blank=True)

    class Meta:
        verbose_name = _("审查记录")
        verbose_name_plural = _("审查记录")


class ReviewTask(AbstractGroupApprovalTask):
    """A review step (保密审查 / 公开属性审查 / 法制审核) approved by a reviewer group."""

    kind = models.CharField(_("审查类型"), max_length=20, choices=ReviewKind.choices)
    normative_only = models.BooleanField(
        _("仅适用于规范性文件"),
        default=False,
        help_text=_("勾选后，非规范性文件自动跳过本环节（如法制审核）。"),
    )

    admin_form_fields = [
        *AbstractGroupApprovalTask.admin_form_fields,
        "kind",
        "normative_only",
    ]
    task_state_class = ReviewTaskState

    class Meta:
        verbose_name = _("审查环节")
        verbose_name_plural = _("审查环节")

    @classmethod
    def get_description(cls) -> str:
        return _(
            "审查组成员填写审查意见并逐项确认政治关、法律关、政策关、内容关、格式关、文字关后方可通过。"
        )

    def applies_to(self, obj) -> bool:
        if not self.normative_only:
            return True
        return bool(getattr(obj, "is_normative", False))

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        obj = task_state.revision.as_object() if task_state.revision else None
        if obj is not None and not self.applies_to(obj):
            task_state.status = TaskState.STATUS_SKIPPED
            task_state.finished_at = timezone.now()
            task_state.comment = f"非规范性文件，免于{self.get_kind_display()}。"
            task_state.save(update_fields=["status", "finished_at", "comment"])
        return task_state

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("退回修改"), True),
                ("approve", _("审查通过"), True),
            ]
        return []

    def get_form_for_action(self, action):
        if action == "approve":
            from .forms import ReviewApprovalForm

            return ReviewApprovalForm
        return TaskStateCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            super().on_action(task_state, user, action_name, **kwargs)
            return None
        state = task_state.specific
        state.opinion = kwargs.get("opinion", "").strip()
        state.checklist = {key: bool(kwargs.get(key)) for key, _label in CHECKLIST}
        state.save(update_fields=["opinion", "checklist"])
        comment = f"{self.get_kind_display()}意见：{state.opinion}；{checklist_summary(state.checklist)}"
        state.approve(user=user, comment=comment)
        return None


class DirectPublication(models.Model):
    """A publication that bypassed the review workflow, with the reason given."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_title = models.CharField(_("页面标题"), max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("版本"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("理由"))
    created_at = models.DateTimeField(
        _("发布时间"), default=timezone.now, db_index=True
    )

    class Meta:
        verbose_name = _("直接发布记录")
        verbose_name_plural = _("直接发布记录")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.page_title}（{self.created_at:%Y-%m-%d %H:%M}）"
