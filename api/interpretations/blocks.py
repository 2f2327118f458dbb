"""The blocks of an interpretation's body (cms/interpretations/blocks.py) as types."""

from __future__ import annotations

import datetime
import enum
import mimetypes
from typing import Annotated, Any, Union
from urllib.parse import urlsplit

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
from api.content.images import ImageType
from api.content.rich_text import RichTextValue
from api.context import Info

# Players need a type per source; these are the ones editors upload or link.
VIDEO_TYPES = {
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "webm": "video/webm",
    "m3u8": "application/vnd.apple.mpegurl",
    "mpd": "application/dash+xml",
}


def _video_type(path: str) -> str | None:
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return VIDEO_TYPES.get(extension) or (
        mimetypes.guess_type(path)[0] if extension else None
    )


@strawberry.type(name="QuestionAnswer", description="一问一答")
class QuestionAnswerType:
    id: strawberry.ID
    question: str
    answer_value: strawberry.Private[RichTextValue]

    @strawberry.field(description="答，" + RICH_TEXT_VALUE)
    def answer(self) -> str:
        return self.answer_value.render()


@strawberry.type(name="QABlock", description="简明问答")
class QABlockType:
    id: strawberry.ID
    heading: str
    items: list[QuestionAnswerType]

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> QABlockType:
        items = [
            QuestionAnswerType(
                id=block_id(item),
                question=item.value.get("question") or "",
                answer_value=RichTextValue.of(item.value.get("answer"), context),
            )
            for item in block.value["items"].bound_blocks
        ]
        return cls(
            id=block_id(block), heading=block.value.get("heading") or "", items=items
        )


@strawberry.type(name="InfographicBlock", description="图示图解")
class InfographicBlockType:
    id: strawberry.ID
    image: ImageType | None = strawberry.field(description="图解图片；已删除时为 null")
    alt_text: str = strawberry.field(description="替代文字")
    long_description: str = strawberry.field(description="图解文字版")
    caption: str = strawberry.field(description="图注")

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> InfographicBlockType:
        value = block.value
        alt_text = value.get("alt_text") or ""
        image = ImageType.from_image(value.get("image"), context, alt_text=alt_text)
        return cls(
            id=block_id(block),
            image=image,
            alt_text=alt_text or (image.alt_text if image else ""),
            long_description=value.get("long_description") or "",
            caption=value.get("caption") or "",
        )


@strawberry.enum(name="VideoSourceKind", description="视频来源：上传的文件或外部地址")
class VideoSourceKind(enum.Enum):
    FILE = "file"
    EXTERNAL = "external"


@strawberry.type(name="VideoSource", description="视频源，按顺序尝试")
class VideoSourceType:
    kind: VideoSourceKind
    url: str = strawberry.field(description="绝对地址")
    mime_type: str | None = strawberry.field(description="MIME 类型；无法判断时为 null")


@strawberry.type(name="VideoCaption", description="字幕轨道（WebVTT）")
class VideoCaptionType:
    kind: str = strawberry.field(description="轨道类型，HTML <track> 的 kind")
    srclang: str
    label: str
    document: DocumentType

    @strawberry.field(description="字幕文件地址（绝对地址），即 document.url")
    def url(self) -> str:
        return self.document.context.media_url(self.document.document.url)


@strawberry.type(name="VideoBlock", description="视频动画")
class VideoBlockType:
    id: strawberry.ID
    title: str
    sources: list[VideoSourceType]
    poster: ImageType | None = strawberry.field(description="封面图")
    captions: list[VideoCaptionType]
    duration: int | None = strawberry.field(description="时长（秒）")
    transcript: str = strawberry.field(description="文字实录")

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> VideoBlockType:
        value = block.value
        sources = []
        video_file = value.get("video_file")
        if video_file is not None and context.media.is_public(video_file):
            # The document view, which checks the file may be downloaded; with S3 it
            # redirects to the bucket, which answers a player's range requests.
            sources.append(
                VideoSourceType(
                    kind=VideoSourceKind.FILE,
                    url=context.media_url(video_file.url),
                    mime_type=_video_type(video_file.file.name),
                )
            )
        if value.get("video_url"):
            sources.append(
                VideoSourceType(
                    kind=VideoSourceKind.EXTERNAL,
                    url=value["video_url"],
                    mime_type=_video_type(urlsplit(value["video_url"]).path),
                )
            )
        captions_document = DocumentType.from_document(value.get("captions"), context)
        captions = (
            [
                VideoCaptionType(
                    kind="captions",
                    srclang="zh",
                    label="中文字幕",
                    document=captions_document,
                )
            ]
            if captions_document
            else []
        )
        return cls(
            id=block_id(block),
            title=value.get("title") or "",
            sources=sources,
            poster=ImageType.from_image(value.get("poster"), context),
            captions=captions,
            duration=value.get("duration"),
            transcript=value.get("transcript") or "",
        )


@strawberry.enum(name="LiveStatus", description="直播状态：预告、直播中、已结束")
class LiveStatus(enum.Enum):
    UPCOMING = "upcoming"
    LIVE = "live"
    ENDED = "ended"


@strawberry.type(name="LiveStreamBlock", description="直播")
class LiveStreamBlockType:
    id: strawberry.ID
    title: str
    start_time: datetime.datetime | None
    status: LiveStatus
    stream_url: str | None = strawberry.field(description="直播地址")
    replay_url: str | None = strawberry.field(description="回放地址")
    poster: ImageType | None = strawberry.field(description="封面图")
    description: str

    @classmethod
    def from_block(cls, block: Any, context: ContentContext) -> LiveStreamBlockType:
        value = block.value
        try:
            status = LiveStatus(value.get("status"))
        except ValueError:
            status = LiveStatus.UPCOMING
        return cls(
            id=block_id(block),
            title=value.get("title") or "",
            start_time=value.get("start_time"),
            status=status,
            stream_url=value.get("stream_url") or None,
            replay_url=value.get("replay_url") or None,
            poster=ImageType.from_image(value.get("poster"), context),
            description=value.get("description") or "",
        )


# The union of the body's blocks, by the block names of InterpretationBodyBlock.
INTERPRETATION_BODY_BLOCKS = {
    "paragraph": ParagraphBlockType,
    "qa": QABlockType,
    "infographic": InfographicBlockType,
    "video": VideoBlockType,
    "live": LiveStreamBlockType,
}
InterpretationBodyBlock = Annotated[
    Union[  # noqa: UP007 - strawberry needs the Union object of the explicit tuple
        tuple(INTERPRETATION_BODY_BLOCKS.values())
    ],
    strawberry.union("InterpretationBodyBlock", description="政策解读的内容块"),
]


def interpretation_body(
    body: StreamValue | None, info: Info, channel: Channel | None
) -> list[InterpretationBodyBlock]:
    return render_body(body, info, channel, INTERPRETATION_BODY_BLOCKS)
