"""Documents: size, type and page count (from real PDFs), read once and cached."""

from __future__ import annotations

import zlib

import pytest

from api.content import documents
from api.content.pdf import count_pdf_pages
from cms.policies.models import PolicyAttachment
from tests.factories import PolicyPageFactory

from .conftest import BASE, pdf_bytes

ATTACHMENTS = """
query ($id: ID) {
  page(id: $id) {
    ... on PolicyPage {
      attachments { document { id title url fileSize fileType mimeType pageCount } }
    }
  }
}
"""


def _object_stream_pdf(count: int) -> bytes:
    """A PDF 1.5 file whose catalog and page tree sit in a compressed object stream."""
    objects = [
        b"<< /Type /Catalog /Pages 3 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count %d >>" % count,
        b"<< /Type /Page /Parent 3 0 R >>",
    ]
    offsets, body = [], b""
    for obj in objects:
        offsets.append(len(body))
        body += obj + b"\n"
    header = (
        b" ".join(b"%d %d" % (n, o) for n, o in zip((2, 3, 4), offsets, strict=True))
        + b"\n"
    )
    stream = zlib.compress(header + body)
    return (
        b"%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 3 /First "
        + str(len(header)).encode()
        + b" /Filter /FlateDecode /Length "
        + str(len(stream)).encode()
        + b" >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\n%%EOF\n"
    )


@pytest.mark.parametrize("pages", [1, 4, 12])
def test_count_pages_of_reportlab_pdfs(pages):
    assert count_pdf_pages(pdf_bytes(pages)) == pages
    assert count_pdf_pages(pdf_bytes(pages, compress=True)) == pages


def test_count_pages_in_object_streams_and_incremental_updates():
    assert count_pdf_pages(_object_stream_pdf(7)) == 7
    original = pdf_bytes(2)
    # An incremental update appends a new version of the page tree object.
    tree = next(line for line in original.split(b"endobj") if b"/Type /Pages" in line)
    number = tree.split(b" 0 obj")[0].split()[-1]
    updated = tree.split(b" 0 obj")[1].replace(b"/Count 2", b"/Count 5")
    appended = original + b"\n" + number + b" 0 obj" + updated + b"endobj\n%%EOF\n"
    assert count_pdf_pages(appended) == 5


@pytest.mark.parametrize(
    "data", [b"", b"not a pdf", b"%PDF-1.4\n%%EOF", b"%PDF-1.4\n1 0 obj << >> endobj"]
)
def test_count_pages_unknown(data):
    assert count_pdf_pages(data) is None


@pytest.mark.django_db
def test_document_fields_and_cached_page_count(
    graphql, site_tree, bureau, media, monkeypatch
):
    pdf = media.pdf("正式文本", pages=4, compress=True)
    sheet = media.document("统计表", "tongji.xlsx", b"PK\x03\x04" + b"0" * 96)
    sheet.file_size = 100
    sheet.save()
    page = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
    PolicyAttachment.objects.create(page=page, document=pdf, sort_order=0)
    PolicyAttachment.objects.create(page=page, document=sheet, sort_order=1)
    reads = []
    real_read = documents._read_page_count
    monkeypatch.setattr(
        documents,
        "_read_page_count",
        lambda document: reads.append(document.pk) or real_read(document),
    )

    expected = {
        "data": {
            "page": {
                "attachments": [
                    {
                        "document": {
                            "id": str(pdf.pk),
                            "title": "正式文本",
                            "url": f"{BASE}/documents/{pdf.pk}/shenqingbiao.pdf",
                            "fileSize": pdf.file.size,
                            "fileType": "pdf",
                            "mimeType": "application/pdf",
                            "pageCount": 4,
                        }
                    },
                    {
                        "document": {
                            "id": str(sheet.pk),
                            "title": "统计表",
                            "url": f"{BASE}/documents/{sheet.pk}/tongji.xlsx",
                            "fileSize": 100,
                            "fileType": "xlsx",
                            "mimeType": "application/vnd.openxmlformats-"
                            "officedocument.spreadsheetml.sheet",
                            "pageCount": None,
                        }
                    },
                ]
            }
        }
    }
    assert graphql(ATTACHMENTS, {"id": str(page.pk)}) == expected
    assert graphql(ATTACHMENTS, {"id": str(page.pk)}) == expected
    # The PDF was read once; the spreadsheet never.
    assert reads == [pdf.pk]


@pytest.mark.django_db
def test_unreadable_pdf_has_no_page_count(graphql, site_tree, bureau, media):
    broken = media.document("损坏的文件", "broken.pdf", b"%PDF-1.7\ngarbage")
    page = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
    PolicyAttachment.objects.create(page=page, document=broken, sort_order=0)
    result = graphql(
        "query ($id: ID) { page(id: $id) { ... on PolicyPage { attachments {"
        " document { fileType pageCount } } } } }",
        {"id": str(page.pk)},
    )
    assert result == {
        "data": {
            "page": {
                "attachments": [{"document": {"fileType": "pdf", "pageCount": None}}]
            }
        }
    }
