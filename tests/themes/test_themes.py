"""The themes as data: presets, whitelists, summary lengths."""

from __future__ import annotations

import pytest

from themes import THEMES, get_theme
from themes.base import ImagePreset
from themes.miniprogram import describe_whitelist


def test_every_theme_has_every_preset():
    for theme in THEMES.values():
        assert set(theme.image_presets) == {"hero", "card", "thumbnail", "content"}
        assert "*" in theme.rich_text.image_presets


def test_presets_scale_their_filters():
    card = ImagePreset("fill", 640, 360, srcset_widths=(320, 640, 960))
    assert card.filter_spec == "fill-640x360"
    assert card.srcset_filters == (
        (320, "fill-320x180"),
        (640, "fill-640x360"),
        (960, "fill-960x540"),
    )
    content = ImagePreset("width", 750)
    assert content.filter_spec == "width-750"
    assert content.srcset_filters == ((750, "width-750"),)
    with pytest.raises(ValueError):
        ImagePreset("width", 750, 400)
    with pytest.raises(ValueError):
        ImagePreset("fill", 750)


def test_miniprogram_images_fill_a_750rpx_screen():
    theme = get_theme("miniprogram")
    assert theme.rich_text.image_preset("left").filter_spec == "width-750"
    assert theme.rich_text.absolute_urls is True
    assert theme.rich_text.url_schemes == {"http", "https"}
    assert "max-width:100%" in theme.rich_text.image_attributes["style"]
    assert theme.image_presets["hero"].width == 750


def test_unknown_theme_falls_back_to_web():
    assert get_theme(None).name == "web"
    assert get_theme("tv").name == "web"


def test_whitelist_description_lists_tags_and_attributes():
    text = describe_whitelist()
    assert text.startswith("标签：a b blockquote br caption code")
    assert "img: alt height src width" in text
    assert "script" not in text and "iframe" not in text
