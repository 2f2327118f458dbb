"""Images and their renditions: named presets from the theme, an allow-listed filter."""

from __future__ import annotations

import enum
import re

import strawberry
from graphql import GraphQLError
from wagtail.images.models import AbstractImage, SourceImageIOError

from .context import ContentContext

MIN_SIZE = 16
MAX_SIZE = 2400
# Every new filter makes a new file per image: a request may ask for only a few.
MAX_CUSTOM_FILTERS = 8

_OPERATIONS = {
    "fill": re.compile(r"fill-(\d+)x(\d+)(?:-c(\d+))?"),
    "width": re.compile(r"width-(\d+)"),
    "height": re.compile(r"height-(\d+)"),
    "max": re.compile(r"max-(\d+)x(\d+)"),
    "min": re.compile(r"min-(\d+)x(\d+)"),
}
_MODIFIERS = {
    "format": re.compile(r"format-(jpeg|png|webp)"),
    "jpegquality": re.compile(r"jpegquality-(\d+)"),
    "webpquality": re.compile(r"webpquality-(\d+)"),
}
FILTER_HELP = (
    f"允许的写法：fill-宽x高（可加 -c0 至 -c100）、width-宽、height-高、max-宽x高、"
    f"min-宽x高，尺寸 {MIN_SIZE}–{MAX_SIZE} 像素；可再加 |format-jpeg、|format-png、"
    "|format-webp、|jpegquality-1 至 100、|webpquality-1 至 100。"
)


class ContentInputError(GraphQLError):
    """A mistake in the arguments of a content field, told to the client in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "BAD_USER_INPUT"})


def _operation_ok(name: str, match: re.Match) -> bool:
    sizes = [int(value) for value in match.groups()[:2] if value is not None]
    closeness = match.group(3) if name == "fill" else None
    if closeness is not None and int(closeness) > 100:
        return False
    return all(MIN_SIZE <= size <= MAX_SIZE for size in sizes)


def validate_filter(spec: str) -> str:
    """``spec`` if it is an allowed Wagtail filter, else a ContentInputError."""
    parts = spec.split("|")
    operation, modifiers = parts[0], parts[1:]
    valid = False
    for name, pattern in _OPERATIONS.items():
        match = pattern.fullmatch(operation)
        if match:
            valid = _operation_ok(name, match)
            break
    seen: set[str] = set()
    for modifier in modifiers:
        kind = modifier.split("-", 1)[0]
        pattern = _MODIFIERS.get(kind)
        match = pattern.fullmatch(modifier) if pattern else None
        if match is None or kind in seen:
            valid = False
            break
        seen.add(kind)
        if kind.endswith("quality") and not 1 <= int(match.group(1)) <= 100:
            valid = False
    if not valid:
        raise ContentInputError(f"不支持的图片 filter：{spec}。{FILTER_HELP}")
    return "|".join(parts)


@strawberry.enum(name="ImagePreset", description="主题定义的图片尺寸，随渠道不同")
class ImagePresetEnum(enum.Enum):
    HERO = "hero"
    CARD = "card"
    THUMBNAIL = "thumbnail"
    CONTENT = "content"


@strawberry.type(name="Rendition", description="图片的一个缩略尺寸")
class RenditionType:
    url: str = strawberry.field(description="绝对地址")
    width: int
    height: int
    filter: str = strawberry.field(description="Wagtail 图片 filter，例如 fill-640x360")


@strawberry.type(name="Image", description="图片")
class ImageType:
    id: strawberry.ID
    title: str
    width: int = strawberry.field(description="原图宽度（像素）")
    height: int = strawberry.field(description="原图高度（像素）")
    alt_text: str = strawberry.field(
        description="替代文字：内容块填写的替代文字，否则为图片说明或标题"
    )
    image: strawberry.Private[AbstractImage]
    context: strawberry.Private[ContentContext]

    @classmethod
    def from_image(
        cls,
        image: AbstractImage | None,
        context: ContentContext,
        *,
        alt_text: str | None = None,
    ) -> ImageType | None:
        """The image if the request may see it (see MediaLoader.is_public), else None."""
        if image is None or not context.media.is_public(image):
            return None
        context.media.adopt_image(image)
        return cls(
            id=strawberry.ID(str(image.pk)),
            title=image.title,
            width=image.width,
            height=image.height,
            alt_text=alt_text or image.default_alt_text,
            image=image,
            context=context,
        )

    @strawberry.field(description="原图地址（绝对地址）")
    def url(self) -> str:
        return self.context.media_url(self.image.file.url)

    @strawberry.field(
        description=(
            "按主题预设（preset）或 filter 生成的缩略图，二者取其一。"
            "预设随渠道不同：小程序的尺寸按 750rpx 屏宽。" + FILTER_HELP
        )
    )
    def rendition(
        self,
        preset: ImagePresetEnum | None = None,
        filter: str | None = None,  # noqa: A002
    ) -> RenditionType | None:
        spec = self._spec(preset, filter)
        self.context.media.prefetch_renditions()
        try:
            rendition = self.image.get_rendition(spec)
        except SourceImageIOError:
            return None
        return RenditionType(
            url=self.context.media_url(rendition.url),
            width=rendition.width,
            height=rendition.height,
            filter=spec,
        )

    @strawberry.field(
        name="srcSet",
        description="按预设的几种宽度生成的 srcset，例如 “https://…/a.jpg 320w, …”",
    )
    def src_set(self, preset: ImagePresetEnum) -> str:
        theme_preset = self.context.theme.preset(preset.value)
        self.context.media.prefetch_renditions()
        specs = [spec for _width, spec in theme_preset.srcset_filters]
        try:
            renditions = self.image.get_renditions(*specs)
        except SourceImageIOError:
            return ""
        candidates: dict[int, str] = {}
        for spec in specs:
            rendition = renditions[spec]
            # A small original makes equal widths; a srcset lists each width once.
            candidates.setdefault(
                rendition.width, self.context.media_url(rendition.url)
            )
        return ", ".join(f"{url} {width}w" for width, url in candidates.items())

    def _spec(self, preset: ImagePresetEnum | None, filter: str | None) -> str:  # noqa: A002
        if preset is not None and filter is not None:
            raise ContentInputError("preset 与 filter 只能指定一个。")
        if preset is not None:
            return self.context.theme.preset(preset.value).filter_spec
        if filter is None:
            raise ContentInputError("请指定 preset 或 filter。")
        spec = validate_filter(filter)
        used = self.context.media.custom_filters
        if spec not in used and len(used) >= MAX_CUSTOM_FILTERS:
            raise ContentInputError(
                f"一次请求最多使用 {MAX_CUSTOM_FILTERS} 种自定义 filter，请改用 preset。"
            )
        used.add(spec)
        return spec
