"""Drafts open for public comment (征求意见), their column and attachments."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.attachments import AbstractAttachment
from cms.core.pages import SectionIndexPage
from cms.policies.blocks import RICH_TEXT_FEATURES, PolicyBodyBlock
from cms.review.forms import ReviewedPageForm
from cms.review.mixins import ReviewedPageMixin
from cms.review.panels import direct_publish_panel

from ..panels import CommentSummaryPanel, WindowPanel
from .choices import ConsultationStatus, DraftKind


class ConsultationIndexPage(SectionIndexPage):
    """The 征求意见 column: drafts open for comment and past ones; edited by the office."""

    listing_model = "consultations.ConsultationPage"
    listing_order = ("-open_date", "-pk")
    subpage_types = [
        "consultations.ConsultationPage",
        "consultations.MajorDecisionCatalogPage",
    ]

    class Meta:
        verbose_name = _("征求意见栏目")
        verbose_name_plural = _("征求意见栏目")


class ConsultationPage(ReviewedPageMixin, Page):
    """A draft policy or decision open for public comment; drafted by a department."""

    kind = models.CharField(
        _("草案类型"),
        max_length=20,
        choices=DraftKind.choices,
        default=DraftKind.NORMATIVE,
        help_text=_(
            "规范性文件征求意见期不少于 7 个工作日；规章、重大行政决策不少于 30 日。"
        ),
    )
    is_market_related = models.BooleanField(
        _("涉及市场主体"),
        default=False,
        help_text=_("与市场主体生产经营活动密切相关的，征求意见期不少于 30 日。"),
    )
    is_enterprise_related = models.BooleanField(
        _("惠企政策"),
        default=False,
        help_text=_("普惠性惠企政策原则上听取相关领域企业意见占比不低于 50%。"),
    )
    open_date = models.DateField(
        _("开始日期"),
        help_text=_("页面晚于开始日期发布的，征求意见期自实际发布之日起算。"),
    )
    close_date = models.DateField(
        _("截止日期"), help_text=_("含当日：截止日 24 时前提交的意见均予受理。")
    )
    short_window_reason = models.TextField(
        _("缩短征求意见期的理由"),
        blank=True,
        max_length=500,
        help_text=_(
            "征求意见期一般不少于法定期限；因情况紧急等原因需要缩短的，须在此说明理由，"
            "理由将在征求意见页面上公开（《重大行政决策程序暂行条例》第十四条）。"
        ),
    )
    summary = models.TextField(_("摘要"), blank=True, max_length=1000)
    body = StreamField(PolicyBodyBlock(), verbose_name=_("草案全文"), blank=True)
    explanation = RichTextField(_("起草说明"), blank=True, features=RICH_TEXT_FEATURES)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    contact_address = models.CharField(
        _("通信地址"), max_length=200, blank=True, help_text=_("信函寄送地址")
    )
    adoption_report = RichTextField(
        _("意见采纳情况"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("截止后由意见处理结果生成，可修改；经审查发布后对外公开。"),
    )
    adoption_stats = models.JSONField(
        _("采纳情况统计"), default=dict, blank=True, editable=False
    )
    adoption_report_generated_at = models.DateTimeField(
        _("采纳情况生成时间"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("department"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("is_market_related")]),
                FieldPanel("is_enterprise_related"),
                FieldRowPanel([FieldPanel("open_date"), FieldPanel("close_date")]),
                FieldPanel("short_window_reason"),
                WindowPanel(heading=_("征求意见期")),
            ],
            heading=_("征求意见"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("explanation"),
        InlinePanel(
            "attachments", label=_("附件"), heading=_("附件（PDF、OFD、Word、Excel）")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("contact_phone"), FieldPanel("contact_email")]
                ),
                FieldPanel("contact_address"),
            ],
            heading=_("意见反馈渠道"),
        ),
        direct_publish_panel(),
    ]
    comments_panels = [
        CommentSummaryPanel(heading=_("收到的意见")),
        FieldPanel("adoption_report"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(comments_panels, heading=_("意见与采纳情况")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )
    base_form_class = ReviewedPageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("explanation"),
        index.FilterField("open_date"),
        index.FilterField("close_date"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = [
        # A copy is a new consultation: its own window needs its own reason.
        "short_window_reason",
        "adoption_report",
        "adoption_stats",
        "adoption_report_generated_at",
    ]

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        # consultations(order: ...) sorts by open_date then pk (ordered_consultations).
        indexes = [
            models.Index(
                fields=["-open_date", "-page_ptr"], name="consultation_open_date_idx"
            )
        ]

    # --- derived values ----------------------------------------------------------
    def status_on(self, day: datetime.date | None = None) -> str:
        day = day or timezone.localdate()
        if day < self.open_date:
            return ConsultationStatus.NOT_STARTED
        if day <= self.close_date:
            return ConsultationStatus.OPEN
        if self.adoption_report.strip():
            return ConsultationStatus.REPORT_PUBLISHED
        return ConsultationStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return ConsultationStatus(self.status).label

    def is_open_on(self, day: datetime.date | None = None) -> bool:
        return self.status_on(day) == ConsultationStatus.OPEN

    @property
    def is_open(self) -> bool:
        return self.is_open_on()

    @property
    def has_closed(self) -> bool:
        return timezone.localdate() > self.close_date

    @property
    def published_on(self) -> datetime.date | None:
        """The actual publication date: the day the page first went live (local)."""
        if self.first_published_at is None:
            return None
        return timezone.localdate(self.first_published_at)

    @property
    def window(self):
        """The window measured from the actual (or, before publishing, imminent)
        publication (cms.consultations.windows)."""
        from ..windows import page_window

        return page_window(self)

    # --- validation --------------------------------------------------------------
    def clean(self) -> None:
        from ..windows import window_errors

        super().clean()
        # A draft is checked as planned; publishing checks the window from the
        # publication about to happen (windows.publication_problems). A published
        # page is checked from its actual publication date.
        errors = window_errors(
            kind=self.kind,
            market_related=self.is_market_related,
            open_date=self.open_date,
            close_date=self.close_date,
            published_on=self.published_on,
            reason=self.short_window_reason,
        )
        if errors:
            raise ValidationError(errors)


class ConsultationAttachment(AbstractAttachment):
    """A file attached to a draft (the draft itself, 起草说明, 对照表)."""

    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(AbstractAttachment.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
