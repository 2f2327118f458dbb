"""待遇标准调整: benefit standards (征地养老, 失业保险金, 工伤保险待遇, 最低工资 …) with their
effective ranges; an adjustment is public with its basis policy. Edited by 社会保险科."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# 政府信息公开条例 第二十六条: 主动公开的信息自形成或变更之日起 20 个工作日内公开.
DISCLOSURE_WORKING_DAYS = 20


class Scheme(models.TextChoices):
    LAND_PENSION = "land_pension", _("征地养老")
    UNEMPLOYMENT = "unemployment", _("失业保险金")
    WORK_INJURY = "work_injury", _("工伤保险待遇")
    MINIMUM_WAGE = "minimum_wage", _("最低工资")
    OTHER = "other", _("其他")


class BenefitStandard(models.Model):
    """One standard of a scheme and category, valid from a date (until the next)."""

    scheme = models.CharField(_("待遇项目"), max_length=30, choices=Scheme.choices)
    category = models.CharField(
        _("类别"),
        max_length=100,
        blank=True,
        help_text=_("如 月最低工资标准、小时最低工资标准"),
    )
    amount = models.DecimalField(_("标准"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=20, default="元/月")
    effective_from = models.DateField(_("执行起始日"))
    effective_to = models.DateField(
        _("执行截止日"),
        null=True,
        blank=True,
        help_text=_("留空表示现行有效（含当日）"),
    )
    basis_policy = models.ForeignKey(
        "policies.PolicyPage",
        verbose_name=_("调整依据"),
        on_delete=models.PROTECT,
        related_name="benefit_standards",
    )
    decision_date = models.DateField(_("调整决定日期"))
    previous_amount = models.DecimalField(
        _("调整前标准"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    disclosed_on = models.DateField(_("公开日期"), null=True, blank=True)
    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("责任科室"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("待遇标准")
        verbose_name_plural = _("待遇标准调整")
        ordering = ["scheme", "category", "effective_from"]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} {self.category} {self.amount} {self.unit}"

    def save(self, *args, **kwargs):
        preceding = self.preceding()
        self.previous_amount = preceding.amount if preceding else None
        super().save(*args, **kwargs)

    def overlapping(self):
        """Standards of the same scheme and category whose ranges meet this one's."""
        others = BenefitStandard.objects.filter(
            scheme=self.scheme, category=self.category
        ).exclude(pk=self.pk)
        if self.effective_to is not None:
            others = others.filter(effective_from__lte=self.effective_to)
        return others.filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from)
        )

    def preceding(self) -> BenefitStandard | None:
        return (
            BenefitStandard.objects.filter(
                scheme=self.scheme,
                category=self.category,
                effective_from__lt=self.effective_from,
            )
            .exclude(pk=self.pk)
            .order_by("-effective_from")
            .first()
        )

    def clean(self) -> None:
        super().clean()
        if (
            self.effective_from
            and self.effective_to
            and self.effective_to < self.effective_from
        ):
            raise ValidationError({"effective_to": _("执行截止日不能早于执行起始日。")})
        if not self.scheme or not self.effective_from:
            return
        clash = self.overlapping().first()
        if clash is not None:
            until = clash.effective_to.isoformat() if clash.effective_to else "现在"
            raise ValidationError(
                {
                    "effective_from": _(
                        "与已有标准（%(amount)s %(unit)s，%(start)s 至 %(until)s）的执行期间重叠。"
                    )
                    % {
                        "amount": clash.amount,
                        "unit": clash.unit,
                        "start": clash.effective_from.isoformat(),
                        "until": until,
                    }
                }
            )

    @property
    def disclosure_due(self) -> datetime.date:
        """The 20th working day after the decision (cms/workdays)."""
        from cms.workdays.calendar import add_working_days

        return add_working_days(self.decision_date, DISCLOSURE_WORKING_DAYS).date

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        from django.utils import timezone

        today = today or timezone.localdate()
        if self.disclosed_on is not None:
            return self.disclosed_on > self.disclosure_due
        return today > self.disclosure_due
