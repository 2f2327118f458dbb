"""Comments on a consultation (征求意见留言): sent by the public, moderated and
decided by staff."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import (
    DECISIONS_NEEDING_REASON,
    CommenterType,
    Decision,
    EnterpriseSize,
    Industry,
    ModerationStatus,
)
from .consultations import ConsultationPage

CONTENT_MAX_LENGTH = 2000


class ConsultationComment(models.Model):
    """One opinion on a draft, sent by the public; moderated and decided by staff."""

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("征求意见"),
        on_delete=models.CASCADE,
        related_name="consultation_comments",
    )
    receipt_number = models.CharField(
        _("回执编号"), max_length=32, unique=True, editable=False
    )
    idempotency_key = models.CharField(
        _("幂等键"), max_length=64, blank=True, editable=False
    )
    commenter_type = models.CharField(
        _("意见人类型"), max_length=20, choices=CommenterType.choices
    )
    industry = models.CharField(
        _("所属行业"), max_length=2, choices=Industry.choices, blank=True
    )
    enterprise_size = models.CharField(
        _("企业规模"), max_length=10, choices=EnterpriseSize.choices, blank=True
    )
    name = models.CharField(
        _("姓名或企业名称"), max_length=100, blank=True, help_text=_("可不填")
    )
    content = models.TextField(
        _("意见内容"),
        max_length=CONTENT_MAX_LENGTH,
        error_messages={"blank": _("请填写意见内容。")},
    )
    contact = models.CharField(
        _("联系方式"), max_length=100, blank=True, help_text=_("电话或电子邮箱，不公开")
    )
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    moderation_status = models.CharField(
        _("审核状态"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    summary = models.CharField(
        _("意见摘要"),
        max_length=300,
        blank=True,
        help_text=_("写入意见采纳情况；留空则取意见内容的前 100 字。"),
    )
    decision = models.CharField(
        _("处理结果"), max_length=20, choices=Decision.choices, blank=True
    )
    decision_reason = models.TextField(
        _("理由"),
        max_length=1000,
        blank=True,
        help_text=_("部分采纳、不予采纳时必填，将写入意见采纳情况。"),
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("export_consultationcomment", _("可导出意见（含联系方式）")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="consultation_comment_idempotency",
            )
        ]
        indexes = [models.Index(fields=["consultation", "moderation_status"])]

    def __str__(self) -> str:
        return self.receipt_number

    @property
    def is_enterprise(self) -> bool:
        return self.commenter_type == CommenterType.ENTERPRISE

    def summary_text(self) -> str:
        if self.summary.strip():
            return self.summary.strip()
        text = " ".join(self.content.split())
        return text if len(text) <= 100 else text[:100] + "……"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        # TextField max_length binds forms only; the API needs the limit too.
        if len(self.content or "") > CONTENT_MAX_LENGTH:
            errors["content"] = _(
                "意见内容不能超过 %(max)s 字，当前 %(count)s 字。"
            ) % {
                "max": CONTENT_MAX_LENGTH,
                "count": len(self.content),
            }
        if len(self.decision_reason or "") > 1000:
            errors["decision_reason"] = _("理由不能超过 1000 字。")
        if self.commenter_type == CommenterType.ENTERPRISE:
            if not self.industry:
                errors["industry"] = _("企业提交意见须选择所属行业。")
            if not self.enterprise_size:
                errors["enterprise_size"] = _("企业提交意见须选择企业规模。")
        if (
            self.decision in DECISIONS_NEEDING_REASON
            and not self.decision_reason.strip()
        ):
            errors["decision_reason"] = _("“%(decision)s”须填写理由。") % {
                "decision": Decision(self.decision).label
            }
        if self.contact:
            from .. import contact as contact_rules

            try:
                contact_rules.validate_contact(self.contact)
            except ValidationError as error:
                errors["contact"] = error.messages[0]
        if errors:
            raise ValidationError(errors)
