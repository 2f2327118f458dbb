"""The rich-text rewriter on its own: references, whitelist, well-formed output."""

from __future__ import annotations

import pytest

from themes import get_theme
from themes.base import ImagePreset
from themes.rich_text import (
    ImageTag,
    ReferenceIds,
    collect_references,
    rewrite_rich_text,
)
from themes.text import plain_text, truncate

WEB = get_theme("web").rich_text
MINI = get_theme("miniprogram").rich_text


class FakeReferences:
    """Page 1 and document 2 and image 3 are public; everything else is not."""

    def __init__(self) -> None:
        self.asked: list[tuple] = []

    def page_url(self, page_id: int) -> str | None:
        self.asked.append(("page", page_id))
        return "/zhengce/a/" if page_id == 1 else None

    def document_url(self, document_id: int) -> str | None:
        self.asked.append(("document", document_id))
        return "https://cms.example.com/documents/2/a.pdf" if document_id == 2 else None

    def image(self, image_id: int, preset: ImagePreset, *, srcset: bool):
        self.asked.append(("image", image_id, preset.filter_spec, srcset))
        if image_id != 3:
            return None
        return ImageTag(
            src=f"https://cms.example.com/media/{preset.filter_spec}.png",
            width=preset.width,
            height=preset.width // 2,
            title="图片标题",
            srcset="https://cms.example.com/media/s.png 320w" if srcset else "",
        )

    def absolute_url(self, url: str) -> str | None:
        return None if url.startswith("#") else f"https://www.example.gov.cn{url}"


def rewrite(source: str, rules=WEB) -> str:
    return rewrite_rich_text(source, rules, FakeReferences())


def test_references_resolve_or_leave_their_text():
    source = (
        '<p><a linktype="page" id="1">公开</a><a linktype="page" id="9">草稿</a>'
        '<a linktype="document" id="2">附件</a><a linktype="document" id="8">私有</a>'
        '<a linktype="external" id="1">未知类型</a><a linktype="page" id="x">坏 id</a></p>'
    )
    assert rewrite(source) == (
        '<p><a href="/zhengce/a/">公开</a>草稿'
        '<a href="https://cms.example.com/documents/2/a.pdf">附件</a>私有未知类型坏 id</p>'
    )
    assert rewrite(source, MINI) == (
        '<p><a href="https://www.example.gov.cn/zhengce/a/">公开</a>草稿'
        '<a href="https://cms.example.com/documents/2/a.pdf">附件</a>私有未知类型坏 id</p>'
    )


def test_images_per_channel():
    source = '<embed embedtype="image" id="3" format="right" alt=""/><embed embedtype="image" id="4"/>'
    assert rewrite(source) == (
        '<img src="https://cms.example.com/media/width-480.png" alt="" width="480" '
        'height="240" srcset="https://cms.example.com/media/s.png 320w" '
        'sizes="(max-width: 480px) 100vw, 480px" class="richtext-image right" '
        'loading="lazy" decoding="async">'
    )
    # Without an alt attribute the image's own text stands in.
    assert rewrite('<embed embedtype="image" id="3" format="left"/>', MINI) == (
        '<img src="https://cms.example.com/media/width-750.png" alt="图片标题" '
        'width="750" height="375" style="max-width:100%;height:auto;display:block">'
    )


def test_media_embeds_become_links():
    source = '<embed embedtype="media" url="https://v.example.com/1"/>'
    assert rewrite(source) == (
        '<a href="https://v.example.com/1">https://v.example.com/1</a>'
    )
    assert rewrite('<embed embedtype="media" url="javascript:alert(1)"/>') == ""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Stray and unbalanced tags still give well-formed output.
        ("<p>一<b>二</p>三</b>四", "<p>一<b>二</b></p>三四"),
        ("</p></div>文字<li>项", "文字<li>项</li>"),
        ("<ul><li>一<li>二</ul>", "<ul><li>一</li><li>二</li></ul>"),
        (
            '<a href="/a">一<a href="/b">二</a>',
            '<a href="/a">一</a><a href="/b">二</a>',
        ),
        ("<p>一<p>二<ul><li>三</ul>", "<p>一</p><p>二</p><ul><li>三</li></ul>"),
        (
            "<table><tr><td>1<td>2<tr><td>3</table>",
            "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>",
        ),
        # Nested dangerous elements are dropped whole, the text after them kept.
        ("<iframe><iframe>内</iframe>仍在内</iframe>之后", "之后"),
        ("<script>if (a < b) { x() }</script>正文", "正文"),
        ("<svg><a href='https://x'>矢量</a></svg>后", "后"),
        # Escaped text stays escaped; entities are normalised.
        (
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x4e00;</p>",
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 一</p>",
        ),
        # Attributes: only allowed ones, with valid values.
        (
            '<table><tr><td colspan="2" rowspan="x" style="c">格</td></tr></table>',
            '<table><tr><td colspan="2">格</td></tr></table>',
        ),
        (
            '<ol start="3" type="i" reversed><li>三</li></ol>',
            '<ol start="3"><li>三</li></ol>',
        ),
        (
            '<a href="https://e.com" title="说明 &quot;引号&quot;">链</a>',
            '<a href="https://e.com" title="说明 &quot;引号&quot;">链</a>',
        ),
        # No scheme tricks.
        ('<a href="&#106;avascript:alert(1)">坏</a>', "坏"),
        ('<a href="vbscript:msgbox">坏</a>', "坏"),
        ('<a href="\tjavascript:alert(1)">坏</a>', "坏"),
        ('<img src="javascript:alert(1)">', ""),
        ('<a href="http://[::1">坏地址</a>', "坏地址"),
        ("<!DOCTYPE html><?xml x?><![CDATA[x]]><!--c-->文", "文"),
    ],
)
def test_sanitising(source, expected):
    assert rewrite(source) == expected


def test_miniprogram_tags_outside_the_whitelist_are_unwrapped():
    source = "<article><section><p>段</p></section><marquee>滚</marquee><font>字</font></article>"
    assert rewrite(source, MINI) == "<p>段</p>滚字"


def test_collect_references():
    source = (
        '<a linktype="page" id="1">a</a><a linktype="page" id="5">b</a>'
        '<a linktype="document" id="2">c</a><embed embedtype="image" id="3"/>'
        '<a linktype="page" id="oops">d</a><a href="/x">e</a>'
    )
    assert collect_references(source) == ReferenceIds(
        pages={1, 5}, documents={2}, images={3}
    )


def test_plain_text():
    source = (
        "<h2>标题</h2><p>第一段\n  文字</p><ul><li>一</li><li>二</li></ul>"
        "<script>x()</script><p>全角\u3000空格&nbsp;与不换行空格</p><br>末尾"
    )
    assert plain_text(source) == "标题 第一段 文字 一 二 全角 空格 与不换行空格 末尾"
    assert plain_text(source, 6) == "标题 第一…"
    assert plain_text("") == ""


@pytest.mark.parametrize(
    ("text", "length", "expected"),
    [
        ("一二三四五", None, "一二三四五"),
        ("一二三四五", 5, "一二三四五"),
        ("一二三四五", 4, "一二三…"),
        ("一二 三四五", 4, "一二…"),
        ("一二三", 1, "一"),
    ],
)
def test_truncate(text, length, expected):
    assert truncate(text, length) == expected
