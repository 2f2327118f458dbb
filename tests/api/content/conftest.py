"""Media and pages with every kind of block, for the content rendering tests."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

BASE = "http://testserver"


def png_bytes(width: int, height: int, colour: str = "#B7191F") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes(pages: int, *, compress: bool = False) -> bytes:
    """A real PDF of ``pages`` pages, drawn with reportlab."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=int(compress))
    for number in range(1, pages + 1):
        pdf.drawString(72, 720, f"Page {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


class Media:
    """Makes images and documents in the default collection."""

    def image(self, title: str = "办事流程图", width: int = 1600, height: int = 900):
        image = get_image_model()(
            title=title,
            file=ContentFile(png_bytes(width, height), name=f"{width}x{height}.png"),
        )
        image.save()
        return image

    def document(self, title: str, filename: str, content: bytes):
        document = get_document_model()(
            title=title, file=ContentFile(content, name=filename)
        )
        document.save()
        return document

    def pdf(self, title: str = "申请表", pages: int = 3, **options):
        return self.document(title, "shenqingbiao.pdf", pdf_bytes(pages, **options))


@pytest.fixture
def media(db) -> Media:
    return Media()


@pytest.fixture(autouse=True)
def _fresh_caches(settings):
    # These tests are about rendering: every request runs the resolvers, and no
    # page count or rendition is remembered from another test.
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0
    cache.clear()
    yield
    cache.clear()


def block_ids(stream) -> list[str]:
    return [child.id for child in stream]


def item_ids(block) -> list[str]:
    return [item.id for item in block.value["items"].bound_blocks]
