"""The shape of a theme: what one frontend channel needs from the content, as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Operation = Literal["fill", "width", "max"]


@dataclass(frozen=True)
class ImagePreset:
    """A named image size: one Wagtail filter, and the widths a srcset offers."""

    operation: Operation
    width: int
    height: int | None = None
    srcset_widths: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if (self.operation == "width") != (self.height is None):
            raise ValueError("width presets have no height; fill and max need one")

    def filter_for_width(self, width: int) -> str:
        """The Wagtail filter spec for this preset scaled to ``width`` pixels."""
        if self.operation == "width":
            return f"width-{width}"
        height = round(width * self.height / self.width)
        return f"{self.operation}-{width}x{height}"

    @property
    def filter_spec(self) -> str:
        return self.filter_for_width(self.width)

    @property
    def srcset_filters(self) -> tuple[tuple[int, str], ...]:
        widths = self.srcset_widths or (self.width,)
        return tuple((width, self.filter_for_width(width)) for width in widths)


def frozen(mapping: dict) -> MappingProxyType:
    """A read-only mapping, so a theme cannot be changed at runtime by accident."""
    return MappingProxyType(dict(mapping))


# Elements whose content is never shown, whatever the channel: dropped with all they hold.
DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "applet",
        "noscript",
        "noembed",
        "template",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "textarea",
        "select",
        "button",
        "form",
        "head",
        "title",
        "xmp",
    }
)


@dataclass(frozen=True)
class RichTextRules:
    """How rich text is rewritten for a channel.

    Tags outside ``allowed_tags`` are unwrapped (their text is kept), except those in
    ``DROP_WITH_CONTENT``, which disappear with their content. Only the attributes in
    ``allowed_attributes`` survive, and only URLs with a scheme in ``url_schemes``.
    """

    allowed_tags: frozenset[str]
    allowed_attributes: MappingProxyType  # tag -> frozenset of attribute names
    url_schemes: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})
    # Every URL made absolute (the mini-program has no base URL to resolve against).
    absolute_urls: bool = False
    # The size of an embedded image, by Wagtail's image format name (fullwidth, left,
    # right); "*" is the fallback for any other format.
    image_presets: MappingProxyType = field(
        default_factory=lambda: frozen({"*": ImagePreset("width", 800)})
    )
    # Extra attributes written on every embedded image (never taken from input).
    image_attributes: MappingProxyType = field(default_factory=lambda: frozen({}))
    # CSS class per image format, written by us (input classes never survive).
    image_classes: MappingProxyType = field(default_factory=lambda: frozen({}))
    image_srcset: bool = False

    def attributes_for(self, tag: str) -> frozenset[str]:
        return self.allowed_attributes.get(tag, frozenset())

    def image_preset(self, image_format: str | None) -> ImagePreset:
        return self.image_presets.get(image_format or "", self.image_presets["*"])

    def image_class(self, image_format: str | None) -> str | None:
        return self.image_classes.get(image_format or "", self.image_classes.get("*"))


@dataclass(frozen=True)
class SummaryLengths:
    """Plain-text lengths (characters) a frontend cuts summaries to."""

    listing: int
    card: int
    share: int


@dataclass(frozen=True)
class TypeStep:
    size: int
    line_height: float
    weight: int = 400


@dataclass(frozen=True)
class DesignTokens:
    """Colours, type scale and spacing the frontend builds share with the CMS."""

    unit: str  # "px" on the web, "rpx" in the mini-program
    font_family: str
    colors: MappingProxyType
    type_scale: MappingProxyType  # name -> TypeStep
    spacing: MappingProxyType  # name -> size in ``unit``
    radii: MappingProxyType


@dataclass(frozen=True)
class Theme:
    """Everything one frontend channel (``web`` or ``miniprogram``) needs."""

    name: str
    label: str
    image_presets: MappingProxyType  # preset name (hero, card, ...) -> ImagePreset
    rich_text: RichTextRules
    summary: SummaryLengths
    tokens: DesignTokens

    def preset(self, name: str) -> ImagePreset:
        return self.image_presets[name]
