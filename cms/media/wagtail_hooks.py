"""Wagtail's document view, made to refuse what the public may not download.

Hooks run in order: ``refuse_private_documents`` (order -10) before Wagtail's own
collection check (password, login or group; order 0), and with S3 storage
``redirect_to_signed_url`` (order 100) last, so the bucket's signed URL is handed
out only to a request that passed every check. Rich text on the site templates links
only to public pages, documents and images (``rich_text``).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.documents.models import document_served

from .rich_text import (
    PublicDocumentLinkHandler,
    PublicImageEmbedHandler,
    PublicPageLinkHandler,
)
from .selectors import download_access


@hooks.register("before_serve_document", order=-10)
def refuse_private_documents(document, request):
    access = download_access(document, request, check_collection=False)
    if access is None:
        # As for a document that does not exist: nothing tells it is there.
        raise Http404
    request.cms_document_access = access


@hooks.register("before_serve_document", order=100)
def redirect_to_signed_url(document, request):
    storage = document.file.storage
    if not hasattr(storage, "signed_url"):
        return None
    document_served.send(sender=type(document), instance=document, request=request)
    return redirect(
        storage.signed_url(
            document.file.name,
            content_type=document.content_type,
            content_disposition=document.content_disposition,
        )
    )


@hooks.register("register_rich_text_features", order=100)
def public_links_only(features):
    # After Wagtail's own handlers (order 0), which these replace.
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)
