"""StreamField blocks for the formats of a policy interpretation (解读形式)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.policies.blocks import RICH_TEXT_FEATURES

VIDEO_EXTENSIONS = ("mp4", "webm")


def _struct_error(field: str, message: str) -> blocks.StructBlockValidationError:
    return blocks.StructBlockValidationError(
        block_errors={field: ValidationError(message)}
    )


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("问"), max_length=200)
    answer = blocks.RichTextBlock(label=_("答"), features=["bold", "ol", "ul", "link"])

    class Meta:
        icon = "help"
        label = _("问答")


class QABlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), max_length=80, default="简明问答")
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("问答"), min_num=1)

    class Meta:
        icon = "help"
        label = _("简明问答")
        template = "blocks/qa.html"


class InfographicBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图解图片"))
    alt_text = blocks.CharBlock(
        label=_("替代文字"),
        max_length=250,
        help_text=_("供读屏软件朗读的简短说明，必填。"),
    )
    long_description = blocks.TextBlock(
        label=_("图解文字版"),
        required=False,
        help_text=_("图中全部信息的文字版本，便于无障碍阅读和检索。"),
    )
    caption = blocks.CharBlock(label=_("图注"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("图示图解")
        template = "blocks/infographic.html"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("视频标题"), max_length=120)
    video_file = DocumentChooserBlock(
        label=_("视频文件"), required=False, help_text=_("MP4 或 WebM")
    )
    video_url = blocks.URLBlock(label=_("视频地址"), required=False)
    poster = ImageChooserBlock(label=_("封面图"), required=False)
    captions = DocumentChooserBlock(
        label=_("字幕文件"), required=False, help_text=_("WebVTT（.vtt）格式")
    )
    duration = blocks.IntegerBlock(label=_("时长（秒）"), min_value=1, required=False)
    transcript = blocks.TextBlock(label=_("文字实录"), required=False)

    def clean(self, value):
        value = super().clean(value)
        video_file, video_url = value.get("video_file"), value.get("video_url")
        if not video_file and not video_url:
            raise _struct_error("video_url", _("请上传视频文件或填写视频地址。"))
        if video_file and video_file.file_extension.lower() not in VIDEO_EXTENSIONS:
            raise _struct_error("video_file", _("视频文件须为 MP4 或 WebM 格式。"))
        captions = value.get("captions")
        if captions and captions.file_extension.lower() != "vtt":
            raise _struct_error("captions", _("字幕文件须为 WebVTT（.vtt）格式。"))
        return value

    class Meta:
        icon = "media"
        label = _("视频动画")
        template = "blocks/video.html"


class LiveStatus:
    CHOICES = [
        ("upcoming", _("预告")),
        ("live", _("直播中")),
        ("ended", _("已结束")),
    ]


class LiveStreamBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("直播标题"), max_length=120)
    start_time = blocks.DateTimeBlock(label=_("开始时间"))
    status = blocks.ChoiceBlock(
        label=_("状态"), choices=LiveStatus.CHOICES, default="upcoming"
    )
    stream_url = blocks.URLBlock(label=_("直播地址"), required=False)
    replay_url = blocks.URLBlock(label=_("回放地址"), required=False)
    poster = ImageChooserBlock(label=_("封面图"), required=False)
    description = blocks.TextBlock(label=_("简介"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if value.get("status") == "ended" and not value.get("replay_url"):
            raise _struct_error("replay_url", _("直播已结束时请填写回放地址。"))
        if value.get("status") == "live" and not value.get("stream_url"):
            raise _struct_error("stream_url", _("直播中须填写直播地址。"))
        return value

    class Meta:
        icon = "radio-full"
        label = _("直播")
        template = "blocks/live.html"


# The formats an interpretation may use; at least one must be present.
FORMAT_BLOCK_TYPES = ("qa", "infographic", "video", "live")


class InterpretationBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("正文段落"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    qa = QABlock()
    infographic = InfographicBlock()
    video = VideoBlock()
    live = LiveStreamBlock()

    def clean(self, value):
        value = super().clean(value)
        if not any(child.block_type in FORMAT_BLOCK_TYPES for child in value):
            raise blocks.StreamBlockValidationError(
                non_block_errors=ValidationError(
                    _("解读须至少包含一种形式：简明问答、图示图解、视频动画或直播。")
                )
            )
        return value

    class Meta:
        label = _("解读内容")
