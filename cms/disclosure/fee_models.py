"""The information processing fee (信息处理费) of an application, when one is charged.

条例第四十二条: disclosure on application is free, but an applicant whose requests
clearly exceed a reasonable number or frequency may be charged a processing fee, by
《政府信息公开信息处理费管理办法》(国办函〔2020〕109号). Imported at the end of
models.py so that it belongs to the disclosure app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["FeeMethod", "ProcessingFee"]


class FeeMethod(models.TextChoices):
    """《信息处理费管理办法》第三条: per request or per page, never both."""

    BY_ITEM = "by_item", _("按件计收")
    BY_VOLUME = "by_volume", _("按量计收")


class ProcessingFee(models.Model):
    """The fee notice (收费通知) sent for one application and its payment."""

    application = models.OneToOneField(
        "disclosure.DisclosureApplication",
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="fee",
    )
    method = models.CharField(_("计收方式"), max_length=20, choices=FeeMethod.choices)
    prior_items = models.PositiveIntegerField(
        _("本自然月此前已申请件数"),
        default=0,
        help_text=_("按件计收时，同一申请人同一自然月内在本申请之前累计申请的件数。"),
    )
    quantity = models.PositiveIntegerField(
        _("计费数量"), help_text=_("按件计收为本申请的件数，按量计收为页数。")
    )
    amount = models.DecimalField(_("收费金额（元）"), max_digits=10, decimal_places=2)
    notice_on = models.DateField(_("收费通知日期"))
    pay_by = models.DateField(
        _("缴费截止日"), help_text=_("收到收费通知次日起 20 个工作日。")
    )
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("信息处理费")
        verbose_name_plural = _("信息处理费")

    def __str__(self) -> str:
        return f"{self.application} 信息处理费 {self.amount} 元"

    @property
    def paid(self) -> bool:
        return self.paid_on is not None
