"""定期清理 of published content: retention per column type, proposed clean-up tasks
with their review, and the log of policies' validity moving on its dates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Action(models.TextChoices):
    MARK_EXPIRED = "mark_expired", _("标注失效")
    MARK_REPEALED = "mark_repealed", _("标注废止")
    REDIRECT = "redirect", _("重定向到新政策")
    ARCHIVE = "archive", _("归档（不在列表和搜索中，地址保留）")
    TAKE_DOWN = "take_down", _("撤下")


class Reason(models.TextChoices):
    EXPIRED = "expired", _("已过失效日期，未标注失效")
    SUPERSEDED = "superseded", _("已被新政策废止并替代，未标注废止")
    RETENTION = "retention", _("超过栏目保留期限")


class TaskStatus(models.TextChoices):
    PROPOSED = "proposed", _("待审核")
    DONE = "done", _("已执行")
    REJECTED = "rejected", _("已驳回")
    FAILED = "failed", _("执行失败")


def page_types():
    """Choices of RetentionRule.page_type: our page models (read when a form is made)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    models_ = [m for m in get_page_models() if m._meta.app_label != "wagtailcore"]
    return models.Q(pk__in=[ContentType.objects.get_for_model(m).pk for m in models_])


class RetentionRule(models.Model):
    """How long pages of one type stay before 定期清理 proposes an action; edited by
    the office (e.g. 动态新闻 2 年后归档)."""

    page_type = models.OneToOneField(
        "contenttypes.ContentType",
        verbose_name=_("页面类型"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=page_types,
    )
    months = models.PositiveIntegerField(
        _("保留月数"), help_text=_("自首次发布起超过这么多个月的页面将被提出清理。")
    )
    action = models.CharField(
        _("清理方式"),
        max_length=20,
        choices=[
            (Action.ARCHIVE, Action.ARCHIVE.label),
            (Action.TAKE_DOWN, Action.TAKE_DOWN.label),
        ],
        default=Action.ARCHIVE,
    )
    enabled = models.BooleanField(_("启用"), default=True)

    panels = [
        FieldPanel("page_type"),
        FieldPanel("months"),
        FieldPanel("action"),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = _("栏目保留期限")
        verbose_name_plural = _("栏目保留期限")

    def __str__(self) -> str:
        return f"{self.page_type.name}：{self.months} 个月"


class CleanupTask(models.Model):
    """One proposed clean-up of one page, reviewed (approve/reject) and logged."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("原因"), max_length=20, choices=Reason.choices)
    action = models.CharField(_("处理方式"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("说明"), max_length=500)
    successor = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("替代的新政策"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    effective_on = models.DateField(_("失效或废止日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=TaskStatus.choices,
        default=TaskStatus.PROPOSED,
        db_index=True,
    )
    proposed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True)
    review_note = models.CharField(_("审核意见"), max_length=500, blank=True)
    result = models.CharField(_("执行结果"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("清理任务")
        verbose_name_plural = _("清理任务")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            # One open proposal per page and reason: the monthly run does not repeat
            # what is still waiting for review.
            models.UniqueConstraint(
                fields=["page", "reason"],
                condition=models.Q(status="proposed"),
                name="cleanup_one_open_task",
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.get_reason_display()}"


class ArchivedPage(models.Model):
    """A page archived by 定期清理: its address still answers, lists and search
    leave it out."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    archived_at = models.DateTimeField(_("归档时间"), auto_now_add=True)
    task = models.ForeignKey(
        CleanupTask, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("归档页面")
        verbose_name_plural = _("归档页面")

    def __str__(self) -> str:
        return str(self.page_id)


class ValidityStage(models.TextChoices):
    PENDING = "pending", _("尚未施行")
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")


class PolicyValidityState(models.Model):
    """The date-driven stage a policy was last seen in (the daily task compares)."""

    page = models.OneToOneField(
        "policies.PolicyPage", on_delete=models.CASCADE, related_name="+"
    )
    stage = models.CharField(max_length=10, choices=ValidityStage.choices)
    changed_on = models.DateField(null=True)

    def __str__(self) -> str:
        return f"{self.page_id} {self.stage}"
