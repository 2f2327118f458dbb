"""重大行政决策: the annual catalog, its decisions, and the meetings that public
representatives attend (公众代表列席) with the follow-up on their suggestions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.attachments import validate_attachment_document
from cms.core.pages import ChildListingMixin
from cms.policies.blocks import RICH_TEXT_FEATURES
from cms.review.forms import ReviewedPageForm
from cms.review.mixins import ReviewedPageMixin
from cms.review.panels import direct_publish_panel

from .choices import (
    DecisionStage,
    FollowUpStatus,
    MeetingKind,
    RepresentativeCategory,
)


class MajorDecisionCatalogPage(ReviewedPageMixin, ChildListingMixin, Page):
    """One year's 重大行政决策事项目录; its children are the decisions. Edited by the
    office (法制科)."""

    listing_model = "consultations.MajorDecisionPage"
    listing_order = ("path",)
    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    intro = RichTextField(_("说明"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("department")]),
        FieldPanel("intro"),
        direct_publish_panel(),
    ]
    base_form_class = ReviewedPageForm
    search_fields = [*Page.search_fields, index.FilterField("year")]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["consultations.MajorDecisionPage"]

    class Meta:
        verbose_name = _("重大行政决策事项目录")
        verbose_name_plural = _("重大行政决策事项目录")

    def clean(self) -> None:
        super().clean()
        if self.year and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("请填写四位数年份。")})


class MajorDecisionPage(ReviewedPageMixin, Page):
    """One major administrative decision in a catalog; drafted by a department."""

    stage = models.CharField(
        _("决策阶段"),
        max_length=20,
        choices=DecisionStage.choices,
        default=DecisionStage.PROPOSED,
    )
    summary = models.TextField(_("事项概述"), blank=True, max_length=1000)
    legal_basis = models.TextField(_("决策依据"), blank=True, max_length=1000)
    planned_date = models.CharField(
        _("计划完成时间"),
        max_length=40,
        blank=True,
        help_text=_("例如 2025 年第三季度"),
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("征求意见"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="major_decisions",
        help_text=_("公开征求意见的页面，其意见采纳情况随之公开。"),
    )
    decision_date = models.DateField(_("决策日期"), null=True, blank=True)
    result = RichTextField(_("决策结果"), blank=True, features=RICH_TEXT_FEATURES)
    result_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("决策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    result_url = models.URLField(
        _("决策文件链接"), blank=True, help_text=_("已在政策文件库发布时填写其地址")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("stage"), FieldPanel("department")]),
                FieldPanel("summary"),
                FieldPanel("legal_basis"),
                FieldPanel("planned_date"),
                PageChooserPanel("consultation", "consultations.ConsultationPage"),
            ],
            heading=_("决策事项"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("decision_date"),
                FieldPanel("result"),
                FieldRowPanel(
                    [FieldPanel("result_document"), FieldPanel("result_url")]
                ),
            ],
            heading=_("决策结果"),
        ),
        direct_publish_panel(),
    ]
    base_form_class = ReviewedPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("result"),
        index.FilterField("stage"),
    ]
    parent_page_types = ["consultations.MajorDecisionCatalogPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("重大行政决策事项")
        verbose_name_plural = _("重大行政决策事项")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.stage == DecisionStage.DECIDED:
            if not self.decision_date:
                errors["decision_date"] = _("已决策的事项须填写决策日期。")
            if not self.result.strip():
                errors["result"] = _("已决策的事项须填写决策结果。")
        if self.stage == DecisionStage.CONSULTING and not self.consultation_id:
            errors["consultation"] = _("处于征求意见阶段的事项须关联征求意见页面。")
        if self.result_document_id:
            try:
                validate_attachment_document(self.result_document)
            except ValidationError as error:
                errors["result_document"] = error.messages[0]
        if errors:
            raise ValidationError(errors)


class DecisionMeeting(ClusterableModel):
    """A 局长办公会议 or 决策专题会 on a decision, with the public representatives who
    attended and their suggestions; recorded by the office."""

    decision = models.ForeignKey(
        MajorDecisionPage,
        verbose_name=_("决策事项"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    kind = models.CharField(
        _("会议类型"),
        max_length=20,
        choices=MeetingKind.choices,
        default=MeetingKind.DIRECTORS_MEETING,
    )
    date = models.DateField(_("会议日期"))
    topic = models.CharField(_("议题"), max_length=200)
    is_public = models.BooleanField(
        _("对外公开"),
        default=False,
        help_text=_(
            "勾选后，会议日期、议题、列席代表类别和人数、建议办理情况对外公开"
            "（不含代表个人信息）。"
        ),
    )

    panels = [
        PageChooserPanel("decision", "consultations.MajorDecisionPage"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("topic"),
        FieldPanel("is_public"),
        InlinePanel("attendees", label=_("列席代表"), heading=_("列席的公众代表")),
        InlinePanel("suggestions", label=_("代表建议"), heading=_("代表建议及办理")),
    ]

    class Meta:
        verbose_name = _("决策会议")
        verbose_name_plural = _("决策会议")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.topic}"


class MeetingAttendee(Orderable):
    """A public representative who attended a meeting (列席代表)."""

    meeting = ParentalKey(
        DecisionMeeting, on_delete=models.CASCADE, related_name="attendees"
    )
    name = models.CharField(_("姓名"), max_length=50)
    category = models.CharField(
        _("代表类别"), max_length=20, choices=RepresentativeCategory.choices
    )
    affiliation = models.CharField(_("工作单位及职务"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("affiliation"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("列席代表")
        verbose_name_plural = _("列席代表")

    def __str__(self) -> str:
        return self.name


class RepresentativeSuggestion(Orderable):
    """A representative's suggestion at a meeting and its follow-up until closed."""

    meeting = ParentalKey(
        DecisionMeeting, on_delete=models.CASCADE, related_name="suggestions"
    )
    representative = models.CharField(
        _("提出人"), max_length=50, help_text=_("列席代表的姓名")
    )
    category = models.CharField(
        _("代表类别"), max_length=20, choices=RepresentativeCategory.choices
    )
    content = models.TextField(_("建议内容"), max_length=2000)
    status = models.CharField(
        _("办理状态"),
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.PENDING,
    )
    handling_department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("承办科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    response = models.TextField(_("办理情况及反馈"), blank=True, max_length=2000)
    responded_on = models.DateField(_("反馈日期"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    panels = [
        FieldRowPanel([FieldPanel("representative"), FieldPanel("category")]),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("handling_department")]),
        FieldPanel("response"),
        FieldPanel("responded_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("代表建议")
        verbose_name_plural = _("代表建议")

    def __str__(self) -> str:
        return self.content[:30]

    def clean(self) -> None:
        if self.status == FollowUpStatus.CLOSED:
            errors = {}
            if not self.response.strip():
                errors["response"] = _("办结须填写办理情况及反馈。")
            if not self.responded_on:
                errors["responded_on"] = _("办结须填写反馈日期。")
            if errors:
                raise ValidationError(errors)
