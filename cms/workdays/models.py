"""The working-day calendar's local corrections, edited by the office in the admin."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """One day whose status differs from the package calendar; edited by the office.

    Use it for a holiday or 调休 day announced after the installed `chinesecalendar`
    was released, or for a local closure.
    """

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(
        _("是工作日"),
        default=False,
        help_text=_("勾选表示当天上班（如调休上班日）；不勾选表示当天放假。"),
    )
    reason = models.CharField(
        _("说明"), max_length=200, blank=True, help_text=_("例如：2027年春节调休")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("日历调整")
        verbose_name_plural = _("日历调整")

    def __str__(self) -> str:
        status = _("上班") if self.is_working_day else _("放假")
        return f"{self.date:%Y-%m-%d} {status}" + (
            f"（{self.reason}）" if self.reason else ""
        )


class CalendarYear(models.Model):
    """A year whose official holiday arrangement the office has entered as overrides.

    Marking a year complete tells the calculator that Monday to Friday are working
    days except for that year's overrides, and that its dates are exact, not
    provisional. Only needed for years the installed package does not know.
    """

    year = models.PositiveSmallIntegerField(
        _("年份"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    is_complete = models.BooleanField(
        _("放假安排已全部录入"),
        default=False,
        help_text=_(
            "国务院办公厅公布该年度节假日安排后，将所有放假日和调休上班日录入“日历调整”，"
            "再勾选此项。勾选后该年度按周一至周五上班并以日历调整为准，期限不再标记为暂定。"
        ),
    )
    source = models.CharField(
        _("依据"),
        max_length=200,
        blank=True,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度日历")
        verbose_name_plural = _("年度日历")

    def __str__(self) -> str:
        state = _("已录入") if self.is_complete else _("未完成")
        return f"{self.year}年（{state}）"
