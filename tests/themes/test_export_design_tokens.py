"""export_design_tokens writes each channel's tokens as JSON."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

WEB_CARD = {
    "filter": "fill-640x360",
    "width": 640,
    "height": 360,
    "srcset": [
        {"width": 320, "filter": "fill-320x180"},
        {"width": 640, "filter": "fill-640x360"},
        {"width": 960, "filter": "fill-960x540"},
    ],
}


def _run(*args: str) -> str:
    out = StringIO()
    call_command("export_design_tokens", *args, stdout=out)
    return out.getvalue()


def test_all_channels_to_stdout():
    data = json.loads(_run())
    assert sorted(data) == ["miniprogram", "web"]
    web = data["web"]
    assert sorted(web) == [
        "channel",
        "colors",
        "fontFamily",
        "imagePresets",
        "label",
        "radii",
        "spacing",
        "summaryLengths",
        "typeScale",
        "unit",
        "version",
    ]
    assert (web["channel"], web["label"], web["unit"], web["version"]) == (
        "web",
        "网站",
        "px",
        1,
    )
    assert web["colors"]["primary"] == "#B7191F"
    assert web["typeScale"]["body"] == {
        "fontSize": 16,
        "lineHeight": 1.8,
        "fontWeight": 400,
    }
    assert web["imagePresets"]["card"] == WEB_CARD
    assert web["summaryLengths"] == {"listing": 120, "card": 80, "share": 60}
    assert data["miniprogram"]["unit"] == "rpx"
    assert data["miniprogram"]["typeScale"]["body"]["fontSize"] == 30
    assert data["miniprogram"]["imagePresets"]["content"] == {
        "filter": "width-750",
        "width": 750,
        "height": None,
        "srcset": [
            {"width": 375, "filter": "width-375"},
            {"width": 750, "filter": "width-750"},
        ],
    }


def test_one_channel_to_a_file(tmp_path):
    target = tmp_path / "tokens.json"
    message = _run("--channel", "miniprogram", "-o", str(target))
    assert message.strip() == f"已写入 {target}"
    text = target.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["channel"] == "miniprogram"
    assert data["label"] == "小程序"
    # Stable output: sorted keys, Chinese kept readable, a final newline.
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert _run("--channel", "miniprogram") == text


def test_refuses_unknown_channel_and_missing_directory(tmp_path):
    with pytest.raises(CommandError):
        call_command("export_design_tokens", "--channel", "tv")
    with pytest.raises(CommandError, match="目录不存在"):
        call_command("export_design_tokens", "-o", str(tmp_path / "nope" / "t.json"))
