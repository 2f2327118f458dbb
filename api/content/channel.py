"""The output channel of content: web HTML, mini-program HTML, or plain text."""

from __future__ import annotations

import enum
from collections.abc import Callable

import strawberry
from wagtail.models import Site

from cms.home.models import SiteSettings
from themes import THEMES, Theme, get_theme
from themes.miniprogram import describe_whitelist


@strawberry.enum(
    name="Channel",
    description=(
        "内容输出渠道。WEB：网站 HTML；MINIPROGRAM：微信小程序 rich-text 组件可用的 HTML"
        "（仅白名单标签和属性、绝对地址、图片按 750rpx 屏宽）；TEXT：纯文本。"
    ),
)
class Channel(enum.Enum):
    WEB = "web"
    MINIPROGRAM = "miniprogram"
    TEXT = "text"


CHANNEL_ARGUMENT = (
    "输出渠道，默认 WEB：不传时取站点设置的默认渠道（站点设置未改时为 WEB）。"
    "WEB 输出网站 HTML（站内链接为前端地址，图片为缩略图并带 srcset）；"
    "MINIPROGRAM 输出微信 rich-text 组件可用的 HTML，只含白名单内的标签和属性"
    f"（{describe_whitelist()}），地址均为绝对地址，图片宽 750、max-width:100%，"
    "不含脚本、iframe 和事件属性；TEXT 输出去除标签、空白归一的纯文本。"
    "链接到未公开页面时去掉链接、保留文字。"
)


def default_channel(site: Site | None, memo: dict[str, object]) -> Channel:
    """The site's default channel (站点设置), read once per request."""
    if site is None:
        return Channel.WEB
    key = f"content:default-channel:{site.pk}"
    if key not in memo:
        setting = SiteSettings.for_site(site).default_channel
        memo[key] = Channel(setting) if setting in THEMES else Channel.WEB
    return memo[key]  # type: ignore[return-value]


def theme_for(channel: Channel, site_channel: Callable[[], Channel]) -> Theme:
    """The theme shaping images for ``channel``; TEXT borrows the site's theme."""
    if channel is Channel.TEXT:
        channel = site_channel()
    return get_theme(channel.value)
