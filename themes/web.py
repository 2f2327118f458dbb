"""The district website (集约化平台): wide screens, HTML with classes, srcsets."""

from __future__ import annotations

from .base import (
    DesignTokens,
    ImagePreset,
    RichTextRules,
    SummaryLengths,
    Theme,
    TypeStep,
    frozen,
)
from .palette import COLORS

_TEXT_TAGS = {"p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i"}
_TEXT_TAGS |= {"u", "s", "del", "ins", "sub", "sup", "ul", "ol", "li", "blockquote"}
_TEXT_TAGS |= {"hr", "a", "img", "span", "code", "pre", "table", "caption", "thead"}
_TEXT_TAGS |= {"tbody", "tfoot", "tr", "th", "td"}

RICH_TEXT = RichTextRules(
    allowed_tags=frozenset(_TEXT_TAGS),
    allowed_attributes=frozen(
        {
            "a": frozenset({"href", "title"}),
            "img": frozenset({"src", "alt", "width", "height"}),
            "ol": frozenset({"start"}),
            "th": frozenset({"colspan", "rowspan", "scope"}),
            "td": frozenset({"colspan", "rowspan"}),
        }
    ),
    absolute_urls=False,
    # Wagtail's image formats: full width in the text column, or floated beside it.
    image_presets=frozen(
        {
            "fullwidth": ImagePreset("width", 1200, srcset_widths=(600, 900, 1200)),
            "left": ImagePreset("width", 480, srcset_widths=(480, 960)),
            "right": ImagePreset("width", 480, srcset_widths=(480, 960)),
            "*": ImagePreset("width", 1200, srcset_widths=(600, 900, 1200)),
        }
    ),
    image_classes=frozen(
        {
            "fullwidth": "richtext-image full-width",
            "left": "richtext-image left",
            "right": "richtext-image right",
            "*": "richtext-image",
        }
    ),
    image_attributes=frozen({"loading": "lazy", "decoding": "async"}),
    image_srcset=True,
)

WEB = Theme(
    name="web",
    label="网站",
    image_presets=frozen(
        {
            "hero": ImagePreset("fill", 1600, 600, srcset_widths=(800, 1200, 1600)),
            "card": ImagePreset("fill", 640, 360, srcset_widths=(320, 640, 960)),
            "thumbnail": ImagePreset("fill", 240, 160, srcset_widths=(240, 480)),
            "content": ImagePreset("width", 1200, srcset_widths=(600, 900, 1200)),
        }
    ),
    rich_text=RICH_TEXT,
    summary=SummaryLengths(listing=120, card=80, share=60),
    tokens=DesignTokens(
        unit="px",
        font_family='"PingFang SC", "Microsoft YaHei", "Noto Sans SC", sans-serif',
        colors=frozen(COLORS),
        type_scale=frozen(
            {
                "display": TypeStep(32, 1.3, 700),
                "title": TypeStep(24, 1.4, 700),
                "heading": TypeStep(20, 1.5, 600),
                "body": TypeStep(16, 1.8),
                "small": TypeStep(14, 1.6),
                "caption": TypeStep(12, 1.5),
            }
        ),
        spacing=frozen({"xs": 4, "sm": 8, "md": 16, "lg": 24, "xl": 40}),
        radii=frozen({"sm": 2, "md": 4, "lg": 8}),
    ),
)
