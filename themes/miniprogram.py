"""The WeChat mini-program: 750rpx screens, HTML its ``rich-text`` component accepts."""

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

# What WeChat's rich-text component trusts ("受信任的 HTML 节点及属性"), narrowed to what
# our content uses. It drops anything else, and an `id` attribute is never accepted;
# `class` and `style` are, but we write neither from input: only our own image style.
#   tags:  p br h1-h6 strong b em i u s del ins sub sup ul ol li blockquote hr a img
#          span div code pre table caption thead tbody tfoot tr th td
#   attrs: a[href] (absolute http/https only; rich-text ignores it, mp-html and towxml
#          use it for taps), img[src alt width height style], ol[start type], ul[type],
#          table[width], th/td[colspan rowspan width height]
MINIPROGRAM_TAGS = frozenset(
    {"p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u"}
    | {"s", "del", "ins", "sub", "sup", "ul", "ol", "li", "blockquote", "hr", "a"}
    | {"img", "span", "div", "code", "pre", "table", "caption", "thead", "tbody"}
    | {"tfoot", "tr", "th", "td"}
)

MINIPROGRAM_ATTRIBUTES = frozen(
    {
        "a": frozenset({"href"}),
        "img": frozenset({"src", "alt", "width", "height"}),
        "ol": frozenset({"start", "type"}),
        "ul": frozenset({"type"}),
        "table": frozenset({"width"}),
        "th": frozenset({"colspan", "rowspan", "width", "height"}),
        "td": frozenset({"colspan", "rowspan", "width", "height"}),
    }
)

# 750 is the rpx width of every phone screen; one 750px rendition fills it.
SCREEN_WIDTH = 750

RICH_TEXT = RichTextRules(
    allowed_tags=MINIPROGRAM_TAGS,
    allowed_attributes=MINIPROGRAM_ATTRIBUTES,
    url_schemes=frozenset({"http", "https"}),
    absolute_urls=True,
    image_presets=frozen({"*": ImagePreset("width", SCREEN_WIDTH)}),
    image_attributes=frozen({"style": "max-width:100%;height:auto;display:block"}),
    image_srcset=False,
)


def describe_whitelist(rules: RichTextRules = RICH_TEXT) -> str:
    """The whitelist in one line, for the GraphQL descriptions."""
    tags = " ".join(sorted(rules.allowed_tags))
    attrs = "；".join(
        f"{tag}: {' '.join(sorted(names))}"
        for tag, names in sorted(rules.allowed_attributes.items())
    )
    return f"标签：{tags}。属性：{attrs}；图片另加 style。"


MINIPROGRAM = Theme(
    name="miniprogram",
    label="小程序",
    image_presets=frozen(
        {
            "hero": ImagePreset("fill", 750, 400, srcset_widths=(375, 750)),
            "card": ImagePreset("fill", 690, 388, srcset_widths=(345, 690)),
            "thumbnail": ImagePreset("fill", 220, 160, srcset_widths=(220, 440)),
            "content": ImagePreset("width", SCREEN_WIDTH, srcset_widths=(375, 750)),
        }
    ),
    rich_text=RICH_TEXT,
    summary=SummaryLengths(listing=60, card=40, share=30),
    tokens=DesignTokens(
        unit="rpx",
        font_family='"PingFang SC", "Microsoft YaHei", sans-serif',
        colors=frozen(COLORS),
        type_scale=frozen(
            {
                "display": TypeStep(48, 1.3, 700),
                "title": TypeStep(40, 1.4, 700),
                "heading": TypeStep(34, 1.5, 600),
                "body": TypeStep(30, 1.8),
                "small": TypeStep(26, 1.6),
                "caption": TypeStep(22, 1.5),
            }
        ),
        spacing=frozen({"xs": 8, "sm": 16, "md": 32, "lg": 48, "xl": 64}),
        radii=frozen({"sm": 4, "md": 8, "lg": 16}),
    ),
)
