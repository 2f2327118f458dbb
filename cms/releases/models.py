"""Integrated releases (集成式发布): one-stop bundles of policies and services."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.core.pages import SectionIndexPage

from .blocks import ReleaseBodyBlock


class FAQ(index.Indexed, models.Model):
    """A frequently asked question reused across releases; edited by departments."""

    question = models.CharField(_("问题"), max_length=200)
    answer = RichTextField(_("解答"), features=["bold", "ol", "ul", "link"])
    topics = models.ManyToManyField(
        "taxonomy.Topic", verbose_name=_("主题分类"), blank=True, related_name="faqs"
    )
    department = models.ForeignKey(
        "taxonomy.Organization",
        verbose_name=_("答复科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("topics"),
        FieldPanel("department"),
    ]
    search_fields = [
        index.SearchField("question", boost=2),
        index.SearchField("answer"),
    ]

    class Meta:
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")
        ordering = ["question"]

    def __str__(self) -> str:
        return self.question


register_snippet(FAQ)


class ReleaseIndexPage(SectionIndexPage):
    """The list of integrated releases (集成式发布); edited by the office."""

    listing_model = "releases.IntegratedReleasePage"
    listing_order = ("-first_published_at", "-pk")
    subpage_types = ["releases.IntegratedReleasePage"]

    class Meta:
        verbose_name = _("集成式发布栏目")
        verbose_name_plural = _("集成式发布栏目")


class IntegratedReleasePage(Page):
    """A themed one-stop release across levels and departments; edited by the office."""

    theme = models.CharField(_("主题"), max_length=100)
    summary = models.TextField(_("摘要"), blank=True, max_length=1000)
    topics = ParentalManyToManyField(
        "taxonomy.Topic",
        verbose_name=_("主题分类"),
        blank=True,
        related_name="releases",
    )
    audiences = ParentalManyToManyField(
        "taxonomy.Audience",
        verbose_name=_("服务对象"),
        blank=True,
        related_name="releases",
    )
    body = StreamField(ReleaseBodyBlock(), verbose_name=_("分组内容"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("summary"),
        FieldPanel("topics"),
        FieldPanel("audiences"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("theme", boost=2),
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["releases.ReleaseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("集成式发布")
        verbose_name_plural = _("集成式发布")

    def referenced_policy_ids(self) -> list[int]:
        ids: list[int] = []
        for section in self.body:
            for item in section.value["items"]:
                if item.block_type == "policy" and item.value["policy"]:
                    ids.append(item.value["policy"].pk)
        return ids
