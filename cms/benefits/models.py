"""待遇标准调整: benefit standards (征地养老, 失业保险金, 工伤保险待遇, 最低工资 …) with their
effective ranges; an adjustment is public with its basis policy (live, 主动公开). Each is
kept by the 责任科室 of its basis policy unless filed under another."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch import index

from cms.review.records import DepartmentRecordForm

# 政府信息公开条例 第二十六条: 主动公开的信息自形成或变更之日起 20 个工作日内公开.
DISCLOSURE_WORKING_DAYS = 20


class Scheme(models.TextChoices):
    LAND_PENSION = "land_pension", _("征地养老")
    UNEMPLOYMENT = "unemployment", _("失业保险金")
    WORK_INJURY = "work_injury", _("工伤保险待遇")
    MINIMUM_WAGE = "minimum_wage", _("最低工资")
    OTHER = "other", _("其他")


def disclosure_due_for(decision_date: datetime.date) -> tuple[datetime.date, bool]:
    """(the 20th working day after the decision, whether the calendar is provisional)."""
    from cms.workdays.calendar import add_working_days

    result = add_working_days(decision_date, DISCLOSURE_WORKING_DAYS)
    return result.date, result.provisional


class BenefitStandard(index.Indexed, models.Model):
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
    due_date = models.DateField(_("公开期限"), editable=False)
    due_date_provisional = models.BooleanField(
        _("公开期限待定"),
        default=False,
        editable=False,
        help_text=_("期限所在年份的节假日安排尚未公布，暂按周一至周五计"),
    )
    disclosed_on = models.DateField(
        _("公开日期"),
        null=True,
        blank=True,
        help_text=_("调整依据发布后通过接口公开的日期；补录历史信息时填写实际公开日期"),
    )
    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("责任科室"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("留空时取调整依据的责任科室"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    base_form_class = DepartmentRecordForm

    search_fields = [
        index.SearchField("category", boost=2),
        index.SearchField("scheme_label", boost=2),
        index.SearchField("basis_title"),
        index.FilterField("scheme"),
    ]
    search_auto_update = False

    class Meta:
        verbose_name = _("待遇标准")
        verbose_name_plural = _("待遇标准调整")
        ordering = ["scheme", "category", "effective_from"]
        indexes = [models.Index(fields=["scheme", "category", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} {self.category} {self.amount} {self.unit}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self._save(*args, **kwargs)

    def _save(self, *args, **kwargs):
        preceding = self.preceding()
        if preceding is not None:
            self.previous_amount = preceding.amount
            if preceding.effective_to is None:
                # An adjustment ends the standard it replaces the day before.
                # Saved (not updated) so that the cache and the search index follow
                # even while the adjustment itself is not yet public.
                preceding.effective_to = self.effective_from - datetime.timedelta(1)
                preceding.save(update_fields=["effective_to"])
        self.due_date, self.due_date_provisional = disclosure_due_for(
            self.decision_date
        )
        if self.basis_policy_id is not None and (
            self.department_id is None or self.disclosed_on is None
        ):
            self._follow_basis_policy()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "previous_amount",
                "due_date",
                "due_date_provisional",
                "department",
                "disclosed_on",
            }
        super().save(*args, **kwargs)
        # The next standard of the category now follows this one.
        following = self.following()
        if following is not None and following.previous_amount != self.amount:
            BenefitStandard.objects.filter(pk=following.pk).update(
                previous_amount=self.amount
            )

    def delete(self, *args, **kwargs):
        following = self.following()
        preceding = self.preceding()
        result = super().delete(*args, **kwargs)
        if following is not None:
            BenefitStandard.objects.filter(pk=following.pk).update(
                previous_amount=preceding.amount if preceding else None
            )
        return result

    def _follow_basis_policy(self) -> None:
        """The basis policy's 责任科室 by default; public (公开日期) the day the policy
        was, if it is public already (an adjustment publishes with its policy)."""
        from .selectors import basis_publication

        department_id, published_on = basis_publication(self.basis_policy_id)
        if self.department_id is None:
            self.department_id = department_id
        if self.disclosed_on is None and published_on is not None:
            # Not public before it was decided, whatever the policy's date says.
            self.disclosed_on = max(published_on, self.decision_date or published_on)

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("basis_policy")

    @property
    def scheme_label(self) -> str:
        return str(self.get_scheme_display())

    @property
    def search_title(self) -> str:
        category = f"{self.category} " if self.category else ""
        return (
            f"{self.scheme_label} {category}{self.amount.normalize():f} {self.unit}"
            f"（{self.effective_from:%Y-%m-%d} 起执行）"
        )

    @property
    def search_text(self) -> str:
        previous = (
            f"调整前 {self.previous_amount.normalize():f} {self.unit}。"
            if self.previous_amount is not None
            else ""
        )
        return f"{previous}调整依据：{self.basis_title}"

    @property
    def basis_title(self) -> str:
        return self.basis_policy.title if self.basis_policy_id else ""

    def following(self) -> BenefitStandard | None:
        return (
            BenefitStandard.objects.filter(
                scheme=self.scheme,
                category=self.category,
                effective_from__gt=self.effective_from,
            )
            .exclude(pk=self.pk)
            .order_by("effective_from")
            .first()
        )

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
        if getattr(self, "_timeline_checked", False):
            return  # an import checks the file's timeline as a whole
        clashes = self.overlapping()
        replaced = self.preceding()
        if replaced is not None and replaced.effective_to is None:
            # Adjusting the current standard: saving ends it (see save()).
            clashes = clashes.exclude(pk=replaced.pk)
        clash = clashes.first()
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
        """The 20th working day after the decision (cms/workdays), as stored."""
        if self.due_date is not None:
            return self.due_date
        return disclosure_due_for(self.decision_date)[0]

    @property
    def overdue_note(self) -> str:
        return str(_("已超期")) if self.is_overdue() else ""

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Not disclosed by the due date, or disclosed after it."""
        today = today or timezone.localdate()
        if self.disclosed_on is not None:
            return self.disclosed_on > self.disclosure_due
        return today > self.disclosure_due
