"""Links to our own pages and files are checked against the database, not over HTTP:
the database knows a draft, a page not 主动公开 or a deleted file for certain."""

from __future__ import annotations

from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from cms.core.selectors import is_publicly_disclosed, public_pages

from .extract import FoundLink
from .models import Link, LinkKind, Outcome
from .probe import Probe

FIX_PAGE = "改为链接到已发布的公开页面，或删除该链接。"


def check_internal(link: Link | FoundLink) -> Probe:
    if link.kind == LinkKind.DOCUMENT:
        return _document(link.target_id)
    return _page(link.target_id)


def _page(page_id: int | None) -> Probe:
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    if page is None:
        return Probe(
            Outcome.FAILURE, "链接的本站页面已删除或不存在", FIX_PAGE, blocking=True
        )
    if public_pages().filter(pk=page.pk).exists():
        return Probe(Outcome.OK, final_url=page.url_path)
    specific = page.specific
    if not is_publicly_disclosed(specific):
        return Probe(
            Outcome.FAILURE,
            f"链接的本站页面《{page.title}》不是主动公开，公众无法访问",
            FIX_PAGE,
            blocking=True,
        )
    if not page.live:
        return Probe(
            Outcome.FAILURE,
            f"链接的本站页面《{page.title}》未发布（草稿或已撤下）",
            "先发布该页面，或改为链接到已发布的页面。",
        )
    if page.expire_at and page.expire_at <= timezone.now():
        return Probe(
            Outcome.FAILURE,
            f"链接的本站页面《{page.title}》已过下线时间",
            FIX_PAGE,
        )
    if PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).exists():
        return Probe(
            Outcome.CAUTION,
            f"链接的本站页面《{page.title}》设有访问限制",
            "确认公众是否应能访问该页面。",
        )
    return Probe(
        Outcome.FAILURE, f"链接的本站页面《{page.title}》不对公众提供", FIX_PAGE
    )


def _document(document_id: int | None) -> Probe:
    document = (
        get_document_model()
        .objects.filter(pk=document_id)
        .select_related("collection")
        .first()
        if document_id
        else None
    )
    if document is None:
        return Probe(
            Outcome.FAILURE,
            "链接的文件已删除",
            "重新上传文件并更新链接，或删除该链接。",
            blocking=True,
        )
    if document.collection.get_view_restrictions().exists():
        return Probe(
            Outcome.CAUTION,
            f"文件《{document.title}》在设有访问限制的文件夹中",
            "确认公众是否应能下载；应公开的请移到不受限的文件夹。",
        )
    return Probe(Outcome.OK, final_url=document.url or "")
