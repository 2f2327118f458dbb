"""财政信息: 部门预算, 部门决算, 绩效自评 and 重点项目绩效评价 per year, with the
approval date, the key figures as data and the tables as attachments (PDF/XLSX).

The deadline: 《中华人民共和国预算法》第十四条第二款 — 经本级政府财政部门批复的部门
预算、决算及报表，应当在批复后二十日内由各部门向社会公开. Twenty calendar days (日,
not 工作日): due = approval date + 20 days (the day of approval is not counted).
The 预算法 sets no deadline for 绩效自评 and 重点项目绩效评价 results; this bureau
applies the same twenty days from their approval as its own rule (BUREAU_RULE_KINDS).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.attachments import AbstractAttachment
from cms.review.records import DepartmentRecordForm

# 预算法 第十四条: 批复后二十日内 (calendar days).
DISCLOSURE_DAYS = 20


class Kind(models.TextChoices):
    BUDGET = "budget", _("部门预算")
    FINAL_ACCOUNTS = "final_accounts", _("部门决算")
    SELF_EVALUATION = "self_evaluation", _("绩效自评")
    PROJECT_EVALUATION = "project_evaluation", _("重点项目绩效评价")


# Kinds whose twenty days are the bureau's rule, not the 预算法's.
BUREAU_RULE_KINDS = frozenset({Kind.SELF_EVALUATION, Kind.PROJECT_EVALUATION})


def due_date_for(approval_date: datetime.date) -> datetime.date:
    return approval_date + datetime.timedelta(days=DISCLOSURE_DAYS)


# The code of a violated one-per-department-year-kind constraint (reported on 年度).
DUPLICATE = "duplicate_disclosure"
DUPLICATE_MESSAGE = _("同一责任科室每个年度每类财政信息只能有一条。")


class FiscalDisclosure(index.Indexed, ClusterableModel):
    """One year's 部门预算, 部门决算 or 绩效评价 of a department (always 主动公开)."""

    kind = models.CharField(_("类别"), max_length=30, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    approval_date = models.DateField(_("批复日期"))
    due_date = models.DateField(_("公开期限"), editable=False)
    disclosed_on = models.DateField(
        _("公开日期"),
        null=True,
        blank=True,
        help_text=_("发布时自动填写为当天；补录历史信息时可填写实际公开日期"),
    )
    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("责任科室"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published = models.BooleanField(
        _("发布"),
        default=False,
        help_text=_("财政信息均为主动公开；发布后通过接口向社会公开"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    base_form_class = DepartmentRecordForm

    # Public ones only, through search.registry (cms/fiscal/apps.py); search.signals
    # follows saves after the commit, the importer its bulk writes.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("kind_label"),
        index.RelatedFields("department", [index.SearchField("name")]),
        index.RelatedFields("figures", [index.SearchField("name")]),
        index.FilterField("published"),
    ]
    search_auto_update = False

    class Meta:
        verbose_name = _("财政信息")
        verbose_name_plural = _("财政信息")
        ordering = ["-year", "kind", "title"]
        indexes = [models.Index(fields=["published", "year", "kind"])]
        # One 部门预算 (决算, 绩效自评, 重点项目绩效评价) a year per department; the
        # disclosures of no department count as one department (NULLs would not).
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "kind"],
                condition=Q(department__isnull=False),
                name="fiscal_one_per_department_year_kind",
                violation_error_message=DUPLICATE_MESSAGE,
                violation_error_code=DUPLICATE,
            ),
            models.UniqueConstraint(
                fields=["year", "kind"],
                condition=Q(department__isnull=True),
                name="fiscal_one_per_year_kind_without_department",
                violation_error_message=DUPLICATE_MESSAGE,
                violation_error_code=DUPLICATE,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.year and self.approval_date and self.year > self.approval_date.year + 1:
            errors["year"] = _("年度不能晚于批复日期的次年。")
        if (
            self.disclosed_on
            and self.approval_date
            and self.disclosed_on < self.approval_date
        ):
            errors["disclosed_on"] = _("公开日期不能早于批复日期。")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None) -> None:
        """The one-a-year rule is reported beside 年度, naming the existing one."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            rest = [e for e in general if getattr(e, "code", None) != DUPLICATE]
            if rest:
                errors[NON_FIELD_ERRORS] = rest
            if len(rest) < len(general):
                errors.setdefault("year", []).append(
                    ValidationError(self.duplicate_message(), code=DUPLICATE)
                )
            raise ValidationError(errors) from None

    def duplicate_message(self) -> str:
        """Which disclosure already holds this department's year and kind."""
        existing = (
            FiscalDisclosure.objects.filter(
                department=self.department_id, year=self.year, kind=self.kind
            )
            .exclude(pk=self.pk)
            .first()
        )
        department = self.department.name if self.department_id else "未指定科室"
        named = f"《{existing.title}》" if existing else ""
        return (
            f"{department}{self.year}年度的{Kind(self.kind).label}已有一条{named}；"
            f"{DUPLICATE_MESSAGE}"
        )

    def save(self, *args, **kwargs):
        self.due_date = due_date_for(self.approval_date)
        if self.published and self.disclosed_on is None:
            self.disclosed_on = timezone.localdate()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "due_date", "disclosed_on"}
        super().save(*args, **kwargs)

    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    def figures_text(self) -> str:
        """The key figures in a line: 收入合计 12850.40 万元；支出合计 …"""
        return "；".join(
            f"{figure.name} {figure.amount:f} {figure.unit}"
            for figure in self.figures.all()
        )

    @property
    def statutory(self) -> bool:
        """Whether the deadline is the 预算法's (else the bureau's own rule)."""
        return self.kind not in BUREAU_RULE_KINDS

    @property
    def overdue_note(self) -> str:
        return str(_("已超期")) if self.is_overdue() else ""

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Not disclosed by the due date, or disclosed after it."""
        due = due_date_for(self.approval_date)
        if self.disclosed_on is not None:
            return self.disclosed_on > due
        return (today or timezone.localdate()) > due


class FiscalFigure(Orderable):
    """A key figure of a disclosure (收入合计, 支出合计, 三公经费 …)."""

    disclosure = ParentalKey(
        FiscalDisclosure, on_delete=models.CASCADE, related_name="figures"
    )
    name = models.CharField(_("项目"), max_length=100)
    amount = models.DecimalField(_("金额"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=20, default="万元")

    panels = [FieldPanel("name"), FieldPanel("amount"), FieldPanel("unit")]

    class Meta(Orderable.Meta):
        verbose_name = _("主要数据")
        verbose_name_plural = _("主要数据")

    def __str__(self) -> str:
        return f"{self.name} {self.amount} {self.unit}"


class FiscalAttachment(AbstractAttachment):
    """A table of a disclosure (PDF, Excel …)."""

    disclosure = ParentalKey(
        FiscalDisclosure, on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(AbstractAttachment.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
