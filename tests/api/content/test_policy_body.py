"""PolicyPage.body and .attachments through real HTTP, in every channel."""

from __future__ import annotations

import pytest
from wagtail.rich_text import RichText

from cms.policies.models import Disclosure, PolicyAttachment
from tests.factories import PolicyPageFactory

from .conftest import BASE, block_ids, item_ids
from .queries import DOCUMENT, POLICY_BODY

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def policy(site_tree, bureau, media):
    other = PolicyPageFactory(
        parent=site_tree.policies, title="另一政策", slug="ling-yi", issuers=[bureau]
    )
    hidden = PolicyPageFactory(
        parent=site_tree.policies,
        title="依申请公开的文件",
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
        issuers=[bureau],
    )
    image = media.image(width=1600, height=900)
    pdf = media.pdf("申请表", pages=3)
    docx = media.document("填报说明", "shuoming.docx", b"PK\x03\x04 not really a docx")
    paragraph = (
        f'<p data-block-key="a1">详见<a linktype="page" id="{other.pk}">另一政策</a>'
        f'和<a linktype="page" id="{hidden.pk}">依申请公开的文件</a>，'
        f'下载<a linktype="document" id="{pdf.pk}">申请表</a>。</p>'
        f'<embed embedtype="image" id="{image.pk}" format="left" alt="流程图"/>'
    )
    page = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        body=[
            ("heading", {"text": "一、申请条件", "level": "h3"}),
            ("paragraph", RichText(paragraph)),
            (
                "table",
                {
                    "data": [["项目", "标准"], ["失业保险金", "2175元/月"], [None, ""]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_header_choice": "row",
                    "table_caption": "待遇标准",
                    "mergeCells": [{"row": 2, "col": 0, "rowspan": 1, "colspan": 2}],
                },
            ),
            (
                "attachments",
                {
                    "heading": "附件",
                    "items": [
                        {"document": pdf, "title": "附件1 申请表"},
                        {"document": docx, "title": ""},
                    ],
                },
            ),
            (
                "callout",
                {
                    "style": "important",
                    "title": "注意",
                    "text": RichText("<p>请于<b>6月30日</b>前申请。</p>"),
                },
            ),
        ],
    )
    PolicyAttachment.objects.create(page=page, document=docx, sort_order=0)
    PolicyAttachment.objects.create(
        page=page, document=pdf, title="正式文本", sort_order=1
    )
    return page, image, pdf, docx


def _document(document, *, size: int, kind: str, mime: str, pages: int | None):
    return {
        "id": str(document.pk),
        "title": document.title,
        "url": f"{BASE}/documents/{document.pk}/{document.filename}",
        "fileSize": size,
        "fileType": kind,
        "mimeType": mime,
        "pageCount": pages,
    }


def _expected(page, pdf, docx, *, paragraph: str, paragraph_text: str, callout: str):
    heading, text, table, attachments, note = block_ids(page.body)
    pdf_result = _document(
        pdf, size=pdf.file.size, kind="pdf", mime="application/pdf", pages=3
    )
    docx_result = _document(
        docx,
        size=docx.file.size,
        kind="docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        pages=None,
    )
    first, second = item_ids(page.body[3])
    return [
        {
            "__typename": "HeadingBlock",
            "id": heading,
            "text": "一、申请条件",
            "level": "H3",
        },
        {
            "__typename": "ParagraphBlock",
            "id": text,
            "value": paragraph,
            "text": paragraph_text,
        },
        {
            "__typename": "TableBlock",
            "id": table,
            "rows": [["项目", "标准"], ["失业保险金", "2175元/月"], [None, ""]],
            "firstRowIsHeader": True,
            "firstColIsHeader": False,
            "caption": "待遇标准",
            "mergedCells": [{"row": 2, "col": 0, "rowspan": 1, "colspan": 2}],
        },
        {
            "__typename": "AttachmentListBlock",
            "id": attachments,
            "heading": "附件",
            "items": [
                {"id": first, "title": "附件1 申请表", "document": pdf_result},
                {"id": second, "title": "填报说明", "document": docx_result},
            ],
        },
        {
            "__typename": "CalloutBlock",
            "id": note,
            "style": "IMPORTANT",
            "title": "注意",
            "text": callout,
        },
    ]


@pytest.mark.django_db
def test_web_body(graphql, policy):
    page, image, pdf, docx = policy
    result = graphql(POLICY_BODY, {"id": str(page.pk), "channel": "WEB"})
    small, large = image.get_rendition("width-480"), image.get_rendition("width-960")
    paragraph = (
        f'<p>详见<a href="/zhengce/ling-yi/">另一政策</a>和依申请公开的文件，'
        f'下载<a href="{BASE}/documents/{pdf.pk}/shenqingbiao.pdf">申请表</a>。</p>'
        f'<img src="{BASE}{small.url}" alt="流程图" width="480" height="270" '
        f'srcset="{BASE}{small.url} 480w, {BASE}{large.url} 960w" '
        'sizes="(max-width: 480px) 100vw, 480px" class="richtext-image left" '
        'loading="lazy" decoding="async">'
    )
    expected = _expected(
        page,
        pdf,
        docx,
        paragraph=paragraph,
        paragraph_text="详见另一政策和依申请公…",
        callout="<p>请于<b>6月30日</b>前申请。</p>",
    )
    assert result == {"data": {"page": {"body": expected}}}


@pytest.mark.django_db
def test_miniprogram_body(graphql, policy):
    page, image, pdf, docx = policy
    result = graphql(POLICY_BODY, {"id": str(page.pk), "channel": "MINIPROGRAM"})
    screen = image.get_rendition("width-750")
    paragraph = (
        f'<p>详见<a href="{SITE}/zhengce/ling-yi/">另一政策</a>和依申请公开的文件，'
        f'下载<a href="{BASE}/documents/{pdf.pk}/shenqingbiao.pdf">申请表</a>。</p>'
        f'<img src="{BASE}{screen.url}" alt="流程图" width="750" height="421" '
        'style="max-width:100%;height:auto;display:block">'
    )
    assert result["data"]["page"]["body"] == _expected(
        page,
        pdf,
        docx,
        paragraph=paragraph,
        paragraph_text="详见另一政策和依申请公…",
        callout="<p>请于<b>6月30日</b>前申请。</p>",
    )


@pytest.mark.django_db
def test_text_body(graphql, policy):
    page, _image, pdf, docx = policy
    result = graphql(POLICY_BODY, {"id": str(page.pk), "channel": "TEXT"})
    assert result["data"]["page"]["body"] == _expected(
        page,
        pdf,
        docx,
        paragraph="详见另一政策和依申请公开的文件，下载申请表。",
        paragraph_text="详见另一政策和依申请公…",
        callout="请于6月30日前申请。",
    )


@pytest.mark.django_db
def test_attachments_from_attachment_rows(graphql, policy):
    page, _image, pdf, docx = policy
    query = f"""
    query ($id: ID) {{
      page(id: $id) {{
        ... on PolicyPage {{ attachments {{ title document {{ {DOCUMENT} }} }} }}
      }}
    }}"""
    result = graphql(query, {"id": str(page.pk)})
    attachments = result["data"]["page"]["attachments"]
    assert [(a["title"], a["document"]["fileType"]) for a in attachments] == [
        ("填报说明", "docx"),
        ("正式文本", "pdf"),
    ]
    assert attachments[1]["document"] == _document(
        pdf, size=pdf.file.size, kind="pdf", mime="application/pdf", pages=3
    )
