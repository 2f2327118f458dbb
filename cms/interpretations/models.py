"""Policy interpretations (政策解读) in every format, and their index."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.pages import SectionIndexPage
from cms.review.forms import ReviewedPageForm
from cms.review.mixins import ReviewedPageMixin
from cms.review.panels import direct_publish_panel

from .blocks import FORMAT_BLOCK_TYPES, InterpretationBodyBlock


class InterpreterRole(models.TextChoices):
    DRAFTING_DEPARTMENT = "drafting_department", _("起草部门解读")
    SECTION_CHIEF = "section_chief", _("科长讲政策")
    EXPERT = "expert", _("专家评政策")
    MEDIA = "media", _("媒体看政策")


class InterpretationIndexPage(SectionIndexPage):
    """The list of interpretations (政策解读); edited by the office."""

    listing_model = "interpretations.InterpretationPage"
    listing_order = ("-first_published_at", "-pk")
    subpage_types = ["interpretations.InterpretationPage"]

    class Meta:
        verbose_name = _("政策解读栏目")
        verbose_name_plural = _("政策解读栏目")


class InterpretationPage(ReviewedPageMixin, Page):
    """An interpretation of one or more policies; written by the drafting department."""

    role = models.CharField(
        _("解读角色"),
        max_length=30,
        choices=InterpreterRole.choices,
        default=InterpreterRole.DRAFTING_DEPARTMENT,
    )
    interpreter_name = models.CharField(
        _("解读人"),
        max_length=100,
        blank=True,
        help_text=_("例如 就业促进科科长 张某；专家、媒体名称"),
    )
    publish_date = models.DateField(_("发布日期"), null=True, blank=True)
    summary = models.TextField(_("摘要"), blank=True, max_length=1000)
    body = StreamField(InterpretationBodyBlock(), verbose_name=_("解读内容"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                InlinePanel(
                    "interpreted_policies",
                    label=_("解读的政策"),
                    min_num=1,
                    heading=_("解读的政策"),
                ),
                FieldPanel("department"),
                FieldPanel("role"),
                FieldPanel("interpreter_name"),
                FieldPanel("publish_date"),
            ],
            heading=_("解读信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        direct_publish_panel(),
    ]
    base_form_class = ReviewedPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("role"),
    ]
    parent_page_types = ["interpretations.InterpretationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    @property
    def formats(self) -> list[str]:
        """The interpretation formats present in the body, in order of first use."""
        seen: list[str] = []
        # The raw JSON names each block's type without loading its images or documents.
        for child in self.body.raw_data:
            block_type = child["type"]
            if block_type in FORMAT_BLOCK_TYPES and block_type not in seen:
                seen.append(block_type)
        return seen

    def policies(self):
        return [
            link.policy for link in self.interpreted_policies.all() if link.policy_id
        ]


class InterpretedPolicy(Orderable):
    """Links an interpretation to a policy it interprets."""

    page = ParentalKey(
        InterpretationPage,
        on_delete=models.CASCADE,
        related_name="interpreted_policies",
    )
    policy = models.ForeignKey(
        "policies.PolicyPage",
        verbose_name=_("政策文件"),
        on_delete=models.CASCADE,
        related_name="interpretation_links",
    )

    panels = [PageChooserPanel("policy", "policies.PolicyPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("解读的政策")
        verbose_name_plural = _("解读的政策")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "policy"], name="interpretations_unique_policy_per_page"
            )
        ]

    def clean(self) -> None:
        if self.policy_id is None:
            raise ValidationError({"policy": _("请选择所解读的政策。")})
