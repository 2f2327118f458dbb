"""What editors maintain for search (dictionary, synonyms) and what the public asks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DictionaryTerm(models.Model):
    """A word jieba must keep whole (灵活就业, 稳岗返还 ...); maintained by editors."""

    word = models.CharField(_("词语"), max_length=50, unique=True)
    frequency = models.PositiveIntegerField(
        _("词频"),
        null=True,
        blank=True,
        help_text=_("留空时自动取一个足以让该词不被切开的词频。"),
    )
    part_of_speech = models.CharField(
        _("词性"), max_length=10, blank=True, help_text=_("jieba 词性标记，可留空。")
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("搜索词典词条")
        verbose_name_plural = _("搜索词典")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class SynonymGroup(models.Model):
    """Words a search treats as one (社保 = 社会保险); maintained by editors."""

    terms = models.TextField(
        _("同义词"),
        help_text=_("用逗号或换行分隔，组内的词互为同义词，例如：社保，社会保险。"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("同义词组")
        verbose_name_plural = _("同义词")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.terms.replace("\n", "，")[:80]


class SearchQueryLog(models.Model):
    """One public search, anonymous: the words and the result count, no visitor data."""

    query = models.CharField(_("搜索词"), max_length=200)
    normalized = models.CharField(_("规范化搜索词"), max_length=200, db_index=True)
    result_count = models.PositiveIntegerField(_("结果数"))
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("站点"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("搜索时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("搜索记录")
        verbose_name_plural = _("搜索记录")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["normalized", "created_at"])]

    def __str__(self) -> str:
        return self.query


class PendingIndexUpdate(models.Model):
    """A record whose index update failed on a backend, to be tried again.

    Written only on failure (the record itself is saved already); the retry sweep
    (search/updates.py, every minute through run_scheduler) reads the record as it
    is then, so an update or a removal is retried alike, and deletes the row once
    the backend took it.
    """

    model_label = models.CharField(_("模型"), max_length=100)
    object_id = models.CharField(_("记录 ID"), max_length=64)
    backend = models.CharField(_("搜索后端"), max_length=50)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=1)
    last_error = models.TextField(_("最近一次错误"), blank=True)
    first_failed_at = models.DateTimeField(_("首次失败时间"), auto_now_add=True)
    last_failed_at = models.DateTimeField(_("最近失败时间"), auto_now=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), db_index=True)

    class Meta:
        verbose_name = _("待重试的索引更新")
        verbose_name_plural = _("待重试的索引更新")
        ordering = ["next_attempt_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "object_id", "backend"],
                name="pending_index_update_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.model_label}:{self.object_id} ({self.backend})"
