"""Image renditions: theme presets per channel, srcSet, and the filter allow-list."""

from __future__ import annotations

import pytest

from tests.factories import InterpretationPageFactory

from .conftest import BASE

IMAGE = """
query ($id: ID, $channel: Channel) {
  page(id: $id) {
    ... on InterpretationPage {
      body(channel: $channel) {
        ... on InfographicBlock { image { %s } }
      }
    }
  }
}
"""


@pytest.fixture
def infographic(site_tree, media):
    image = media.image("补贴标准图解", width=2000, height=1500)
    page = InterpretationPageFactory(
        parent=site_tree.interpretations,
        body=[("infographic", {"image": image, "alt_text": "", "caption": ""})],
    )
    return page, image


def _image(graphql, page, selection: str, channel: str = "WEB") -> dict:
    result = graphql(IMAGE % selection, {"id": str(page.pk), "channel": channel})
    return result


def _rendition(image, spec: str) -> dict:
    rendition = image.get_rendition(spec)
    return {
        "url": f"{BASE}{rendition.url}",
        "width": rendition.width,
        "height": rendition.height,
        "filter": spec,
    }


@pytest.mark.django_db
def test_presets_differ_per_channel(graphql, infographic):
    page, image = infographic
    selection = """
      altText
      hero: rendition(preset: HERO) { url width height filter }
      card: rendition(preset: CARD) { url width height filter }
      thumbnail: rendition(preset: THUMBNAIL) { url width height filter }
      content: rendition(preset: CONTENT) { url width height filter }
    """
    web = _image(graphql, page, selection, "WEB")["data"]["page"]["body"][0]["image"]
    assert web == {
        # No alt text on the block: the image's title stands in.
        "altText": "补贴标准图解",
        "hero": _rendition(image, "fill-1600x600"),
        "card": _rendition(image, "fill-640x360"),
        "thumbnail": _rendition(image, "fill-240x160"),
        "content": _rendition(image, "width-1200"),
    }
    mini = _image(graphql, page, selection, "MINIPROGRAM")["data"]["page"]["body"][0]
    assert mini["image"] == {
        "altText": "补贴标准图解",
        "hero": _rendition(image, "fill-750x400"),
        "card": _rendition(image, "fill-690x388"),
        "thumbnail": _rendition(image, "fill-220x160"),
        "content": _rendition(image, "width-750"),
    }
    assert (mini["image"]["card"]["width"], mini["image"]["card"]["height"]) == (
        690,
        388,
    )


@pytest.mark.django_db
def test_src_set(graphql, infographic):
    page, image = infographic
    result = _image(
        graphql, page, "card: srcSet(preset: CARD) content: srcSet(preset: CONTENT)"
    )
    urls = {
        spec: f"{BASE}{image.get_rendition(spec).url}"
        for spec in ("fill-320x180", "fill-640x360", "fill-960x540")
        + ("width-600", "width-900", "width-1200")
    }
    assert result["data"]["page"]["body"][0]["image"] == {
        "card": f"{urls['fill-320x180']} 320w, {urls['fill-640x360']} 640w, "
        f"{urls['fill-960x540']} 960w",
        "content": f"{urls['width-600']} 600w, {urls['width-900']} 900w, "
        f"{urls['width-1200']} 1200w",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spec", ["fill-300x200-c80", "width-640|format-webp|webpquality-75", "max-800x800"]
)
def test_allowed_filters(graphql, infographic, spec):
    page, image = infographic
    result = _image(
        graphql, page, f'rendition(filter: "{spec}") {{ url width height filter }}'
    )
    assert result == {
        "data": {"page": {"body": [{"image": {"rendition": _rendition(image, spec)}}]}}
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spec",
    [
        "original",
        "width-5000",
        "fill-10x10",
        "fill-300x200-c200",
        "width-300|format-gif",
        "width-300|jpegquality-0",
        "width-300|format-webp|format-png",
        "scale-50",
        "width-300|bgcolor-000",
        "width-abc",
        "width-300 ",
        "",
    ],
)
def test_refused_filters(graphql, infographic, spec):
    page, _image_ = infographic
    result = _image(graphql, page, f'rendition(filter: "{spec}") {{ url }}')
    assert result["data"] == {"page": {"body": [{"image": {"rendition": None}}]}}
    (error,) = result["errors"]
    assert error["message"].startswith(f"不支持的图片 filter：{spec}。允许的写法")
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}


@pytest.mark.django_db
def test_preset_or_filter_exactly_one(graphql, infographic):
    page, _image_ = infographic
    both = _image(graphql, page, 'rendition(preset: CARD, filter: "width-300") { url }')
    assert [e["message"] for e in both["errors"]] == ["preset 与 filter 只能指定一个。"]
    neither = _image(graphql, page, "rendition { url }")
    assert [e["message"] for e in neither["errors"]] == ["请指定 preset 或 filter。"]


@pytest.mark.django_db
def test_custom_filters_are_capped_per_request(graphql, infographic):
    page, _image_ = infographic
    aliases = " ".join(
        f'w{width}: rendition(filter: "width-{width}") {{ width }}'
        for width in range(100, 1000, 100)
    )
    result = _image(graphql, page, aliases)
    assert [e["message"] for e in result["errors"]] == [
        "一次请求最多使用 8 种自定义 filter，请改用 preset。"
    ]
