"""Rich text per channel through real HTTP: hostile input, links, the whitelist."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from cms.policies.models import Disclosure
from tests.factories import PolicyPageFactory
from themes.miniprogram import MINIPROGRAM_ATTRIBUTES, MINIPROGRAM_TAGS

from .queries import PARAGRAPHS

SITE = "http://127.0.0.1:8000"

HOSTILE = (
    '<p onclick="steal()" style="position:fixed" class="x" id="y">正文'
    "<script>alert(1)</script>"
    '<iframe src="https://evil.example/">内嵌</iframe>'
    '<a href="javascript:alert(1)">坏1</a>'
    '<a href="java&#09;script:alert(2)">坏2</a>'
    '<a href=" JaVaScRiPt:alert(3)">坏3</a>'
    '<a href="data:text/html;base64,PHNjcmlwdD4=">坏4</a>'
    '<a href="https://example.com/ok?a=1&amp;b=2" onmouseover="x()" target="_blank">好</a>'
    '<img src="https://cdn.example.com/a.png" onerror="alert(1)" alt="图">'
    '<img src="data:image/png;base64,AAAA">'
    "<style>p{color:red}</style>"
    '<span style="background:url(javascript:alert(1))">样式</span>'
    '<object data="x.swf">对象</object>'
    "<svg><script>alert(1)</script><text>矢量</text></svg>"
    "<!-- 注释 --><form><input name=a>表单</form>"
    '<a href="/guanyu/">相对</a><a href="#part2">锚点</a>'
    '<a href="mailto:hr@example.com">邮件</a>'
    "<marquee>滚动</marquee>"
    "</p><p>未闭合<b>粗体"
)


@pytest.fixture
def hostile(site_tree, bureau):
    return PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        body=[("paragraph", RichText(HOSTILE))],
    )


def _value(graphql, page, channel: str) -> str:
    result = graphql(PARAGRAPHS, {"id": str(page.pk), "channel": channel})
    assert "errors" not in result, result
    (block,) = result["data"]["page"]["body"]
    return block["value"]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


@pytest.mark.django_db
def test_miniprogram_keeps_only_the_whitelist(graphql, hostile):
    value = _value(graphql, hostile, "MINIPROGRAM")
    assert value == (
        "<p>正文坏1坏2坏3坏4"
        '<a href="https://example.com/ok?a=1&amp;b=2">好</a>'
        '<img src="https://cdn.example.com/a.png" alt="图" '
        'style="max-width:100%;height:auto;display:block">'
        "<span>样式</span>"
        f'<a href="{SITE}/guanyu/">相对</a>锚点邮件滚动</p>'
        "<p>未闭合<b>粗体</b></p>"
    )
    for tag, attributes in _elements(value):
        assert tag in MINIPROGRAM_TAGS
        allowed = MINIPROGRAM_ATTRIBUTES.get(tag, frozenset())
        if tag == "img":
            allowed |= {"style"}
        assert set(attributes) <= allowed, (tag, attributes)
        for name in ("href", "src"):
            if name in attributes:
                assert attributes[name].startswith(("https://", "http://"))
    lowered = value.lower()
    for forbidden in ("script", "iframe", "onerror", "onclick", "javascript", "data:"):
        assert forbidden not in lowered


@pytest.mark.django_db
def test_web_is_sanitised_too(graphql, hostile):
    value = _value(graphql, hostile, "WEB")
    assert value == (
        "<p>正文坏1坏2坏3坏4"
        '<a href="https://example.com/ok?a=1&amp;b=2">好</a>'
        '<img src="https://cdn.example.com/a.png" alt="图" loading="lazy" '
        'decoding="async">'
        "<span>样式</span>"
        '<a href="/guanyu/">相对</a><a href="#part2">锚点</a>'
        '<a href="mailto:hr@example.com">邮件</a>滚动</p>'
        "<p>未闭合<b>粗体</b></p>"
    )


@pytest.mark.django_db
def test_text_drops_markup_and_hidden_content(graphql, hostile):
    assert _value(graphql, hostile, "TEXT") == (
        "正文坏1坏2坏3坏4好样式相对锚点邮件滚动 未闭合粗体"
    )


@pytest.mark.django_db
def test_links_to_pages_the_public_cannot_see_are_removed(graphql, site_tree, bureau):
    public = PolicyPageFactory(
        parent=site_tree.policies, slug="gongkai", issuers=[bureau]
    )
    draft = PolicyPageFactory(parent=site_tree.policies, live=False, issuers=[bureau])
    on_application = PolicyPageFactory(
        parent=site_tree.policies,
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
        issuers=[bureau],
    )
    restricted = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.LOGIN
    )
    links = "".join(
        f'<a linktype="page" id="{page.pk}">{label}</a>'
        for page, label in (
            (public, "公开"),
            (draft, "草稿"),
            (on_application, "依申请"),
            (restricted, "受限"),
        )
    )
    source = f'<p>{links}<a linktype="page" id="999999">已删除</a></p>'
    page = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        body=[("paragraph", RichText(source))],
    )
    assert _value(graphql, page, "WEB") == (
        '<p><a href="/zhengce/gongkai/">公开</a>草稿依申请受限已删除</p>'
    )
    assert _value(graphql, page, "MINIPROGRAM") == (
        f'<p><a href="{SITE}/zhengce/gongkai/">公开</a>草稿依申请受限已删除</p>'
    )


@pytest.mark.django_db
def test_documents_in_a_restricted_collection_are_not_linked(
    graphql, site_tree, bureau, media
):
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="内部")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = media.pdf("内部材料")
    document.collection = private
    document.save()
    page = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        body=[
            (
                "paragraph",
                RichText(
                    f'<p><a linktype="document" id="{document.pk}">内部材料</a></p>'
                ),
            ),
            ("attachments", {"heading": "附件", "items": [{"document": document}]}),
        ],
    )
    query = """
    query ($id: ID) { page(id: $id) { ... on PolicyPage { body {
      ... on ParagraphBlock { value }
      ... on AttachmentListBlock { items { title } }
    } } } }"""
    result = graphql(query, {"id": str(page.pk)})
    assert result["data"]["page"]["body"] == [
        {"value": "<p>内部材料</p>"},
        {"items": []},
    ]
