"""The blocks of a policy's body (cms/policies/blocks.py) as GraphQL types."""

from __future__ import annotations

import enum
from typing import Annotated, Any, Union

import strawberry
from wagtail.blocks import StreamValue

from api.content.blocks import (
    RICH_TEXT_VALUE,
    ParagraphBlockType,
    block_id,
    render_body,
)
from api.content.channel import Channel
from api.content.context import ContentContext
from api.content.documents import DocumentType
from api.content.rich_text import RichTextValue
from api.context import Info


@strawberry.enum(name="HeadingLevel", description="标题级别")
class HeadingLevel(enum.Enum):
    H2 = "h2"
    H3 = "h3"
    H4 = "h4"


@strawberry.enum(name="CalloutStyle", description="提示框样式：提示、注意、重要")
class CalloutStyle(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    IMPORTANT = "important"


def _choice(enum_type: type[enum.Enum], value: str, default: enum.Enum) -> Any:
    try:
        return enum_type(value)
    except ValueError:
        return default


@strawberry.type(name="HeadingBlock", description="标题")
class HeadingBlockType:
    id: strawberry.ID
    text: str
    level: HeadingLevel

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> HeadingBlockType:
        value = block.value
        return cls(
            id=block_id(block),
            text=value.get("text") or "",
            level=_choice(HeadingLevel, value.get("level"), HeadingLevel.H2),
        )


@strawberry.type(name="TableMergedCell", description="合并单元格")
class TableMergedCellType:
    row: int
    col: int
    rowspan: int
    colspan: int


@strawberry.type(
    name="TableBlock", description="表格；单元格为纯文本，前端显示时须转义"
)
class TableBlockType:
    id: strawberry.ID
    rows: list[list[str | None]] = strawberry.field(
        description="按行的单元格文字，含表头行"
    )
    first_row_is_header: bool = strawberry.field(description="第一行为表头")
    first_col_is_header: bool = strawberry.field(description="第一列为表头")
    caption: str = strawberry.field(description="表格标题")
    merged_cells: list[TableMergedCellType]

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> TableBlockType:
        value = block.value or {}
        rows = [
            [None if cell is None else str(cell) for cell in row]
            for row in value.get("data") or []
        ]
        merged = [
            TableMergedCellType(
                row=int(cell["row"]),
                col=int(cell["col"]),
                rowspan=int(cell.get("rowspan", 1)),
                colspan=int(cell.get("colspan", 1)),
            )
            for cell in value.get("mergeCells") or []
        ]
        return cls(
            id=block_id(block),
            rows=rows,
            first_row_is_header=bool(value.get("first_row_is_table_header")),
            first_col_is_header=bool(value.get("first_col_is_header")),
            caption=value.get("table_caption") or "",
            merged_cells=merged,
        )


@strawberry.type(name="AttachmentItem", description="附件列表中的一个文件")
class AttachmentItemType:
    id: strawberry.ID
    title: str = strawberry.field(description="显示名称：未填写时为文件标题")
    document: DocumentType


@strawberry.type(name="AttachmentListBlock", description="附件列表")
class AttachmentListBlockType:
    id: strawberry.ID
    heading: str
    items: list[AttachmentItemType] = strawberry.field(
        description="可公开下载的附件（已删除或受限的文件不列出）"
    )

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> AttachmentListBlockType:
        items = []
        for item in block.value["items"].bound_blocks:
            document = DocumentType.from_document(item.value.get("document"), context)
            if document is None:
                continue
            items.append(
                AttachmentItemType(
                    id=block_id(item),
                    title=item.value.get("title") or document.title,
                    document=document,
                )
            )
        return cls(
            id=block_id(block), heading=block.value.get("heading") or "", items=items
        )


@strawberry.type(name="CalloutBlock", description="提示框")
class CalloutBlockType:
    id: strawberry.ID
    style: CalloutStyle
    title: str
    text_value: strawberry.Private[RichTextValue]

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> CalloutBlockType:
        value = block.value
        return cls(
            id=block_id(block),
            style=_choice(CalloutStyle, value.get("style"), CalloutStyle.INFO),
            title=value.get("title") or "",
            text_value=RichTextValue.of(value.get("text"), context),
        )

    @strawberry.field(description="内容，" + RICH_TEXT_VALUE)
    def text(self) -> str:
        return self.text_value.render()


# The union of the body's blocks, by the block names of PolicyBodyBlock.
POLICY_BODY_BLOCKS = {
    "heading": HeadingBlockType,
    "paragraph": ParagraphBlockType,
    "table": TableBlockType,
    "attachments": AttachmentListBlockType,
    "callout": CalloutBlockType,
}
PolicyBodyBlock = Annotated[
    Union[  # noqa: UP007 - strawberry needs the Union object of the explicit tuple
        tuple(POLICY_BODY_BLOCKS.values())
    ],
    strawberry.union("PolicyBodyBlock", description="政策正文的内容块"),
]


def policy_body(
    body: StreamValue | None, info: Info, channel: Channel | None
) -> list[PolicyBodyBlock]:
    return render_body(body, info, channel, POLICY_BODY_BLOCKS)
