"""Link inspection (技术巡检维护，防止错链断链): every link published content makes,
its latest result and four weeks of history. Written by the checker, read by editors."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkKind(models.TextChoices):
    EXTERNAL = "external", _("外部链接")
    PAGE = "page", _("本站页面")
    DOCUMENT = "document", _("本站文件")
    SERVICE = "service", _("一网通办事项")


class LinkStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("未检查")
    OK = "ok", _("正常")
    CAUTION = "caution", _("需关注")
    BROKEN = "broken", _("断链")


class Outcome(models.TextChoices):
    """What one check found, before repeated failures confirm a broken link."""

    OK = "ok", _("正常")
    CAUTION = "caution", _("需关注")
    FAILURE = "failure", _("失败")


def link_key(kind: str, identity: str) -> str:
    return hashlib.sha256(f"{kind}:{identity}".encode()).hexdigest()


class Link(models.Model):
    """One distinct link target, however many pages use it; checked once for all."""

    key = models.CharField(max_length=64, unique=True, editable=False)
    kind = models.CharField(_("类型"), max_length=10, choices=LinkKind.choices)
    url = models.CharField(_("地址"), max_length=2000)
    target_id = models.PositiveBigIntegerField(_("本站对象编号"), null=True)
    service_item = models.ForeignKey(
        "taxonomy.ServiceItem",
        verbose_name=_("一网通办事项"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=LinkStatus.choices,
        default=LinkStatus.UNCHECKED,
        db_index=True,
    )
    summary = models.CharField(_("问题"), max_length=300, blank=True)
    suggestion = models.CharField(_("处理建议"), max_length=300, blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP 状态码"), null=True)
    redirects = models.PositiveSmallIntegerField(_("重定向次数"), default=0)
    elapsed_ms = models.PositiveIntegerField(_("耗时（毫秒）"), null=True)
    final_url = models.CharField(_("最终地址"), max_length=2000, blank=True)
    checked_at = models.DateTimeField(_("最近检查"), null=True, db_index=True)
    failing_since = models.DateTimeField(_("首次失败"), null=True)
    failures = models.PositiveIntegerField(_("连续失败次数"), default=0)
    routed_at = models.DateTimeField(_("已通知科室"), null=True)

    class Meta:
        verbose_name = _("链接")
        verbose_name_plural = _("链接")

    def __str__(self) -> str:
        return self.url


class LinkCheck(models.Model):
    """One check of a link (history, kept four weeks)."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="checks")
    checked_at = models.DateTimeField(_("检查时间"), db_index=True)
    outcome = models.CharField(_("本次结果"), max_length=10, choices=Outcome.choices)
    status = models.CharField(_("判定"), max_length=10, choices=LinkStatus.choices)
    http_status = models.PositiveSmallIntegerField(_("HTTP 状态码"), null=True)
    redirects = models.PositiveSmallIntegerField(_("重定向次数"), default=0)
    elapsed_ms = models.PositiveIntegerField(_("耗时（毫秒）"), null=True)
    summary = models.CharField(_("问题"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")
        ordering = ["-checked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.link_id} {self.checked_at:%Y-%m-%d %H:%M} {self.status}"


class PageLink(models.Model):
    """Where a link occurs: a published page, the part of it, the link text."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="uses")
    # The owning 科室 when extracted: broken links are routed to it.
    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("责任科室"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("位置"), max_length=100)
    text = models.CharField(_("链接文字"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("链接出处")
        verbose_name_plural = _("链接出处")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "link", "source"], name="linkcheck_pagelink_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.source}"
