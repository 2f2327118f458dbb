"""Blocks of an integrated release (集成式发布): sections of references."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class PolicyReferenceBlock(blocks.StructBlock):
    policy = blocks.PageChooserBlock(
        label=_("政策文件"), page_type="policies.PolicyPage"
    )
    note = blocks.CharBlock(label=_("要点说明"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("政策文件")


class InterpretationReferenceBlock(blocks.StructBlock):
    interpretation = blocks.PageChooserBlock(
        label=_("政策解读"), page_type="interpretations.InterpretationPage"
    )

    class Meta:
        icon = "help"
        label = _("政策解读")


class ServiceItemReferenceBlock(blocks.StructBlock):
    service_item = SnippetChooserBlock("taxonomy.ServiceItem", label=_("一网通办事项"))

    class Meta:
        icon = "link"
        label = _("办事事项")


class FAQReferenceBlock(blocks.StructBlock):
    faq = SnippetChooserBlock("releases.FAQ", label=_("常见问题"))

    class Meta:
        icon = "help"
        label = _("常见问题")


class SectionItemBlock(blocks.StreamBlock):
    policy = PolicyReferenceBlock()
    interpretation = InterpretationReferenceBlock()
    service_item = ServiceItemReferenceBlock()
    faq = FAQReferenceBlock()


class SectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("分组标题"), max_length=80)
    intro = blocks.TextBlock(label=_("分组说明"), required=False)
    items = SectionItemBlock(label=_("内容"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("分组")
        template = "blocks/section.html"


class ReleaseBodyBlock(blocks.StreamBlock):
    section = SectionBlock()

    class Meta:
        label = _("分组")
