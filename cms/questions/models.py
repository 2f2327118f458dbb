"""网上咨询: questions from the public, routed, answered and selectively published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.core.pages import SectionIndexPage
from cms.participation.validators import validate_phone

# Size limits of what the public may type (also enforced by the submission form).
TITLE_MAX = 100
CONTENT_MAX = 2000
ANSWER_MAX = 5000


class QuestionIndexPage(SectionIndexPage):
    """The 网上咨询 column: how to ask, and the published Q&As; edited by the office."""

    notice = models.TextField(
        _("咨询须知"),
        blank=True,
        help_text=_("例如 答复时限、选登规则、个人信息保护说明。"),
    )

    content_panels = [*SectionIndexPage.content_panels, FieldPanel("notice")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types: list[str] = []

    def listing_queryset(self):
        """The column lists the published Q&As (选登), records rather than pages."""
        from .selectors import published_questions

        return published_questions().select_related("department")

    class Meta:
        verbose_name = _("网上咨询栏目")
        verbose_name_plural = _("网上咨询栏目")


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", _("待分办")
    ASSIGNED = "assigned", _("办理中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("不予受理")


class Question(index.Indexed, models.Model):
    """One question asked through the website or the mini-program; handled by staff."""

    tracking_number = models.CharField(
        _("咨询编号"), max_length=20, unique=True, editable=False
    )
    # The 查询码 is derived from the tracking number and this salt, never stored
    # (cms.participation.codes). "digest:<hex>" marks a question from before that,
    # whose code survives only as a keyed digest.
    query_code_salt = models.CharField(max_length=80, editable=False)
    idempotency_key = models.CharField(
        _("幂等键"), max_length=64, blank=True, editable=False
    )
    topic = models.ForeignKey(
        "taxonomy.Topic",
        verbose_name=_("咨询主题"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("标题"), max_length=TITLE_MAX)
    content = models.TextField(_("咨询内容"), max_length=CONTENT_MAX)
    name = models.CharField(_("咨询人姓名"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, validators=[validate_phone])
    email = models.EmailField(_("电子邮箱"), max_length=100, blank=True)
    consent_to_publish = models.BooleanField(
        _("同意选登"),
        default=False,
        help_text=_("咨询人同意在隐去个人信息后公开本咨询及答复。"),
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    status = models.CharField(
        _("办理状态"),
        max_length=10,
        choices=QuestionStatus.choices,
        default=QuestionStatus.RECEIVED,
    )
    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("答复内容"), max_length=ANSWER_MAX, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set once, when the first answer is given (services.question_answer): the
    # compliance report counts late answers by it after they are answered.
    answered_over_three_months = models.BooleanField(
        _("超过 3 个月才答复"),
        default=False,
        editable=False,
        help_text=_(
            "答复日期晚于提交之日起 3 个月的最后一日（对应日，无对应日的为月末日）。"
        ),
    )
    internal_note = models.TextField(_("内部备注"), blank=True, max_length=2000)

    # 选登: what the public sees, free of personal details.
    is_published = models.BooleanField(_("已选登"), default=False)
    published_title = models.CharField(_("选登标题"), max_length=TITLE_MAX, blank=True)
    published_content = models.TextField(
        _("选登咨询内容"), max_length=CONTENT_MAX, blank=True
    )
    published_at = models.DateTimeField(_("选登时间"), null=True, blank=True)

    # The public search indexes the 选登 text only, never what the asker typed
    # (title, content) nor who they are; only published Q&As reach the index
    # (QuestionsConfig.search_types). search/signals.py updates it after each commit.
    search_fields = [
        index.SearchField("published_title", boost=2),
        index.SearchField("published_content"),
        index.SearchField("answer"),
        index.RelatedFields("topic", [index.SearchField("name")]),
    ]
    search_auto_update = False

    class Meta:
        verbose_name = _("网上咨询")
        verbose_name_plural = _("网上咨询")
        ordering = ["-submitted_at", "-pk"]
        permissions = [
            (
                "view_personal_data",
                _("可查看和导出咨询人完整个人信息"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="question_unique_idempotency_key",
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "-answered_at"]),
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["answered_over_three_months", "answered_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.title}"


class RoutingKind(models.TextChoices):
    TRANSFER = "transfer", _("转办")
    ASSIGN = "assign", _("分办")


class QuestionRouting(models.Model):
    """One 转办 (to another department) or 分办 (to a handler) of a question."""

    question = models.ForeignKey(
        Question,
        verbose_name=_("咨询"),
        on_delete=models.CASCADE,
        related_name="routings",
    )
    kind = models.CharField(_("方式"), max_length=10, choices=RoutingKind.choices)
    from_department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("原承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("说明"), max_length=500, blank=True)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    routed_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("转办/分办记录")
        verbose_name_plural = _("转办/分办记录")
        ordering = ["routed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.to_department or ''}"
