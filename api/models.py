"""Queries registered in the admin for the persisted-query allow-list."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from api.persisted import sha256_hex


def normalize_query_text(text: str) -> str:
    # Browsers submit textareas with CRLF; clients hash the text with LF.
    return text.replace("\r\n", "\n").strip()


class PersistedQuery(models.Model):
    """One query the mini-program may send in allow-list mode; added by developers."""

    name = models.CharField(
        _("名称"), max_length=100, help_text=_("便于识别，例如“小程序-政策列表”。")
    )
    query = models.TextField(
        _("查询文本"),
        help_text=_(
            "完整的 GraphQL 查询。客户端发送与此完全相同的文本，或只发送下方的 SHA-256。"
        ),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True, editable=False)
    enabled = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("持久化查询")
        verbose_name_plural = _("持久化查询白名单")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.query = normalize_query_text(self.query)
        self.sha256 = sha256_hex(self.query)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        # The schema imports every domain's models: load it only when validating.
        from api.persisted.manifest import query_problems

        self.query = normalize_query_text(self.query)
        problems = query_problems(self.query)
        if problems:
            raise ValidationError({"query": problems})
        duplicate = PersistedQuery.objects.filter(sha256=sha256_hex(self.query))
        if duplicate.exclude(pk=self.pk).exists():
            raise ValidationError({"query": _("相同的查询已经登记过。")})
