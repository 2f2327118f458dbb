"""Documents (附件, video files, captions) as a GraphQL type."""

from __future__ import annotations

import logging

import strawberry
from django.core.cache import cache
from wagtail.documents.models import AbstractDocument

from .context import ContentContext
from .pdf import count_pdf_pages

logger = logging.getLogger(__name__)

# Reading a larger file to count its pages is not worth the request's time.
MAX_PDF_BYTES = 50 * 1024 * 1024
_UNKNOWN = -1


def _cache_key(document: AbstractDocument) -> str:
    # The hash changes when the file is replaced, so a stale count is never served.
    version = document.file_hash or f"{document.file.name}:{document.file_size}"
    return f"content:pdf-pages:{document.pk}:{version}"


def _read_page_count(document: AbstractDocument) -> int | None:
    size = file_size(document)
    if size is None or size > MAX_PDF_BYTES:
        return None
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        logger.warning("document %s: file unreadable", document.pk)
        return None
    return count_pdf_pages(data)


def page_count(document: AbstractDocument) -> int | None:
    """Pages of a PDF, read once per file and cached; None for other types."""
    if document.file_extension.lower() != "pdf":
        return None
    key = _cache_key(document)
    cached = cache.get(key)
    if cached is None:
        count = _read_page_count(document)
        cached = _UNKNOWN if count is None else count
        cache.set(key, cached, timeout=None)
    return None if cached == _UNKNOWN else cached


def file_size(document: AbstractDocument) -> int | None:
    """Bytes: the stored size, else asked of the storage (without saving it)."""
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except OSError:
        return None


@strawberry.type(name="Document", description="文件（附件、视频、字幕等）")
class DocumentType:
    id: strawberry.ID
    title: str
    document: strawberry.Private[AbstractDocument]
    context: strawberry.Private[ContentContext]

    @classmethod
    def from_document(
        cls, document: AbstractDocument | None, context: ContentContext
    ) -> DocumentType | None:
        """The document if the public may download it, else None."""
        if document is None or not context.media.is_public(document):
            return None
        context.media.adopt_document(document)
        return cls(
            id=strawberry.ID(str(document.pk)),
            title=document.title,
            document=document,
            context=context,
        )

    @strawberry.field(description="下载地址（绝对地址）")
    def url(self) -> str:
        return self.context.media_url(self.document.url)

    @strawberry.field(description="文件大小（字节）；未知时为 null")
    def file_size(self) -> int | None:
        return file_size(self.document)

    @strawberry.field(description="文件类型（小写扩展名），例如 pdf、docx、ofd")
    def file_type(self) -> str:
        return self.document.file_extension.lower()

    @strawberry.field(description="MIME 类型，例如 application/pdf")
    def mime_type(self) -> str:
        return self.document.content_type

    @strawberry.field(
        description="页数：PDF 读取一次后缓存；其他类型或无法读取时为 null"
    )
    def page_count(self) -> int | None:
        return page_count(self.document)
