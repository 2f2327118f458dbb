"""Drafts open for public comment (征求意见) and the comments they receive."""

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
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.home.listing import ChildListingMixin
from cms.policies.blocks import (
    RICH_TEXT_FEATURES,
    PolicyBodyBlock,
    validate_attachment_document,
)
from cms.review.forms import ReviewedPageForm
from cms.review.mixins import ReviewedPageMixin
from cms.review.panels import direct_publish_panel

from ..panels import CommentSummaryPanel
from .choices import (
    DECISIONS_NEEDING_REASON,
    CommenterType,
    ConsultationStatus,
    Decision,
    DraftKind,
    EnterpriseSize,
    Industry,
    ModerationStatus,
)

CONTENT_MAX_LENGTH = 2000


class ConsultationIndexPage(ChildListingMixin, Page):
    """The 征求意见 column: drafts open for comment and past ones; edited by the office."""

    listing_model = "consultations.ConsultationPage"
    listing_order = ("-open_date", "-pk")
    intro = models.TextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "consultations.ConsultationPage",
        "consultations.MajorDecisionCatalogPage",
    ]
    max_count_per_parent = 1

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
    open_date = models.DateField(_("开始日期"))
    close_date = models.DateField(
        _("截止日期"), help_text=_("含当日：截止日 24 时前提交的意见均予受理。")
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
        "adoption_report",
        "adoption_stats",
        "adoption_report_generated_at",
    ]

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

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

    # --- validation --------------------------------------------------------------
    def clean(self) -> None:
        from ..windows import window_errors

        super().clean()
        errors = window_errors(
            kind=self.kind,
            market_related=self.is_market_related,
            open_date=self.open_date,
            close_date=self.close_date,
        )
        if errors:
            raise ValidationError(errors)


class ConsultationAttachment(Orderable):
    """A file attached to a draft (the draft itself, 起草说明, 对照表)."""

    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("文件"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def clean(self) -> None:
        if self.document_id:
            try:
                validate_attachment_document(self.document)
            except ValidationError as error:
                raise ValidationError({"document": error}) from error


class ConsultationComment(models.Model):
    """One opinion on a draft, sent by the public; moderated and decided by staff."""

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("征求意见"),
        on_delete=models.CASCADE,
        related_name="consultation_comments",
    )
    receipt_number = models.CharField(
        _("回执编号"), max_length=32, unique=True, editable=False
    )
    idempotency_key = models.CharField(
        _("幂等键"), max_length=64, blank=True, editable=False
    )
    commenter_type = models.CharField(
        _("意见人类型"), max_length=20, choices=CommenterType.choices
    )
    industry = models.CharField(
        _("所属行业"), max_length=2, choices=Industry.choices, blank=True
    )
    enterprise_size = models.CharField(
        _("企业规模"), max_length=10, choices=EnterpriseSize.choices, blank=True
    )
    name = models.CharField(
        _("姓名或企业名称"), max_length=100, blank=True, help_text=_("可不填")
    )
    content = models.TextField(
        _("意见内容"),
        max_length=CONTENT_MAX_LENGTH,
        error_messages={"blank": _("请填写意见内容。")},
    )
    contact = models.CharField(
        _("联系方式"), max_length=100, blank=True, help_text=_("电话或电子邮箱，不公开")
    )
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    moderation_status = models.CharField(
        _("审核状态"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    summary = models.CharField(
        _("意见摘要"),
        max_length=300,
        blank=True,
        help_text=_("写入意见采纳情况；留空则取意见内容的前 100 字。"),
    )
    decision = models.CharField(
        _("处理结果"), max_length=20, choices=Decision.choices, blank=True
    )
    decision_reason = models.TextField(
        _("理由"),
        max_length=1000,
        blank=True,
        help_text=_("部分采纳、不予采纳时必填，将写入意见采纳情况。"),
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("export_consultationcomment", _("可导出意见（含联系方式）")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="consultation_comment_idempotency",
            )
        ]
        indexes = [models.Index(fields=["consultation", "moderation_status"])]

    def __str__(self) -> str:
        return self.receipt_number

    @property
    def is_enterprise(self) -> bool:
        return self.commenter_type == CommenterType.ENTERPRISE

    def summary_text(self) -> str:
        if self.summary.strip():
            return self.summary.strip()
        text = " ".join(self.content.split())
        return text if len(text) <= 100 else text[:100] + "……"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        # TextField max_length binds forms only; the API needs the limit too.
        if len(self.content or "") > CONTENT_MAX_LENGTH:
            errors["content"] = _(
                "意见内容不能超过 %(max)s 字，当前 %(count)s 字。"
            ) % {
                "max": CONTENT_MAX_LENGTH,
                "count": len(self.content),
            }
        if len(self.decision_reason or "") > 1000:
            errors["decision_reason"] = _("理由不能超过 1000 字。")
        if self.commenter_type == CommenterType.ENTERPRISE:
            if not self.industry:
                errors["industry"] = _("企业提交意见须选择所属行业。")
            if not self.enterprise_size:
                errors["enterprise_size"] = _("企业提交意见须选择企业规模。")
        if (
            self.decision in DECISIONS_NEEDING_REASON
            and not self.decision_reason.strip()
        ):
            errors["decision_reason"] = _("“%(decision)s”须填写理由。") % {
                "decision": Decision(self.decision).label
            }
        if self.contact:
            from .. import contact as contact_rules

            try:
                contact_rules.validate_contact(self.contact)
            except ValidationError as error:
                errors["contact"] = error.messages[0]
        if errors:
            raise ValidationError(errors)
