"""What every StreamField body shares: the paragraph block and the body resolver."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import strawberry
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from api.context import Info

from .channel import Channel
from .context import ContentContext, content_context
from .rich_text import MAX_LENGTH_ARGUMENT, RichTextValue

RICH_TEXT_VALUE = "按渠道输出：WEB、MINIPROGRAM 为 HTML，TEXT 为纯文本"


class BlockType(Protocol):
    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> Any: ...


def block_id(block: Any) -> strawberry.ID:
    # Blocks saved before Wagtail gave them ids have none; their position stands in.
    return strawberry.ID(str(getattr(block, "id", None) or ""))


def stream_blocks(
    stream: StreamValue | None,
    types: Mapping[str, type[BlockType]],
    context: ContentContext,
) -> list[Any]:
    """The typed blocks of ``stream``; block types the API does not know are skipped."""
    if not stream:
        return []
    return [
        types[child.block_type].from_block(child, context)
        for child in stream
        if child.block_type in types
    ]


def render_body(
    stream: StreamValue | None,
    info: Info,
    channel: Channel | None,
    types: Mapping[str, type[BlockType]],
) -> list[Any]:
    """The body resolver every page type with a StreamField body shares."""
    return stream_blocks(stream, types, content_context(info, channel))


@strawberry.type(name="ParagraphBlock", description="正文段落（富文本）")
class ParagraphBlockType:
    id: strawberry.ID
    text_value: strawberry.Private[RichTextValue]

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> ParagraphBlockType:
        value: RichText = block.value
        return cls(id=block_id(block), text_value=RichTextValue.of(value, context))

    @strawberry.field(description=RICH_TEXT_VALUE)
    def value(self) -> str:
        return self.text_value.render()

    @strawberry.field(description="纯文本，不论渠道。" + MAX_LENGTH_ARGUMENT)
    def text(self, max_length: int | None = None) -> str:
        return self.text_value.plain(max_length)
