"""The outbox of staff notifications about public submissions.

A ``Notification`` row is written in the submission's own transaction, so it
commits or rolls back with it; its delivery is a background task enqueued after the
commit. Delivery failures are recorded on the row and retried (by the task backend
when it can defer, else by the retry sweep of ``run_scheduler``); they never touch
the submission.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Notification(models.Model):
    kind = models.CharField(_("类型"), max_length=50)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    recipients = models.JSONField(_("收件人"), default=list)
    # What the notification is about, e.g. "disclosure.DisclosureApplication:12".
    reference = models.CharField(_("关联记录"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近一次错误"), blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("工作人员通知")
        verbose_name_plural = _("工作人员通知")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.subject
