"""StreamField blocks of a policy's body (正文)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock

from cms.core.attachments import validate_attachment_document

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "image",
    "hr",
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题文字"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("级别"),
        choices=[("h2", _("一级标题")), ("h3", _("二级标题")), ("h4", _("三级标题"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("标题")
        template = "blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        label=_("样式"),
        choices=[("info", _("提示")), ("warning", _("注意")), ("important", _("重要"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("标题"), max_length=80, required=False)
    text = blocks.RichTextBlock(label=_("内容"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        label = _("提示框")
        template = "blocks/callout.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(
        label=_("显示名称"),
        max_length=200,
        required=False,
        help_text=_("留空则用文件标题"),
    )

    def clean(self, value):
        value = super().clean(value)
        try:
            validate_attachment_document(value.get("document"))
        except ValidationError as error:
            raise blocks.StructBlockValidationError(
                block_errors={"document": error}
            ) from error
        return value

    class Meta:
        icon = "doc-full"
        label = _("附件")


class AttachmentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=80, default="附件")
    items = blocks.ListBlock(AttachmentBlock(), label=_("附件"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = _("附件列表")
        template = "blocks/attachment_list.html"


class PolicyBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("正文段落"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    table = TableBlock(label=_("表格"))
    attachments = AttachmentListBlock()
    callout = CalloutBlock()

    class Meta:
        label = _("正文")
