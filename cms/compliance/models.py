"""What the compliance dashboard keeps: how each column is checked, and a daily
snapshot of every indicator for the chart over time."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class ColumnKind(models.TextChoices):
    """栏目类别, as the 检查指标 group columns by how often they must be updated."""

    NEWS = "news", _("动态、要闻类（2 周）")
    NOTICE = "notice", _("通知公告类（6 个月）")
    POLICY = "policy", _("政策文件类（6 个月）")
    OTHER = "other", _("其他应更新栏目（1 年）")
    EXEMPT = "exempt", _("不检查更新（历史专题等）")


class ColumnProfile(models.Model):
    """How one column (栏目) is checked and which 科室 keeps it; kept by the office.

    Every column below the home page is checked; a column without a profile counts
    by the default of its type (政策文件库 as 政策文件类, the rest as 其他). Any page
    with a profile is a column too (a sub-column such as 通知公告).
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("栏目"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(
        _("栏目类别"),
        max_length=10,
        choices=ColumnKind.choices,
        default=ColumnKind.OTHER,
    )
    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("责任科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("page"), FieldPanel("kind"), FieldPanel("department")]

    class Meta:
        verbose_name = _("栏目检查设置")
        verbose_name_plural = _("栏目检查设置")

    def __str__(self) -> str:
        return f"{self.page}（{self.get_kind_display()}）"


class DailySnapshot(models.Model):
    """Every indicator's value on one day (taken by the daily task)."""

    date = models.DateField(_("日期"), unique=True)
    values = models.JSONField(_("指标值"), default=dict)
    created_at = models.DateTimeField(_("记录时间"), auto_now=True)

    class Meta:
        verbose_name = _("检查指标每日记录")
        verbose_name_plural = _("检查指标每日记录")
        ordering = ["-date"]
        permissions = [
            ("receive_compliance_digest", _("接收网站检查指标日报（全部科室）")),
        ]

    def __str__(self) -> str:
        return str(self.date)
