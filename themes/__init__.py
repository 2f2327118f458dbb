"""How content is shaped per frontend channel: one theme each for web and mini-program."""

from __future__ import annotations

from .base import ImagePreset, RichTextRules, SummaryLengths, Theme
from .miniprogram import MINIPROGRAM
from .web import WEB

THEMES: dict[str, Theme] = {WEB.name: WEB, MINIPROGRAM.name: MINIPROGRAM}
DEFAULT_THEME = WEB.name


def get_theme(name: str | None) -> Theme:
    """The theme called ``name``; the web theme for an unknown or empty name."""
    return THEMES.get(name or DEFAULT_THEME, THEMES[DEFAULT_THEME])


__all__ = [
    "DEFAULT_THEME",
    "THEMES",
    "ImagePreset",
    "RichTextRules",
    "SummaryLengths",
    "Theme",
    "get_theme",
]
