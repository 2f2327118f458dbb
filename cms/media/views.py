"""The one route to stored images: originals and renditions, each checked.

Files are looked up by their stored name, so the route serves image files and
nothing else: a document's file (``documents/...``), a notice in private storage or
any other path answers 404. Documents are served only by Wagtail's document view
(``/documents/<id>/<name>``), with the checks of ``wagtail_hooks``.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve as serve_file
from wagtail.documents.views.serve import serve as serve_document_file
from wagtail.images import get_image_model

from .selectors import Access, download_access


def _image_for(path: str):
    image_model = get_image_model()
    rendition = (
        image_model.get_rendition_model()
        .objects.filter(file=path)
        .select_related("image__collection")
        .first()
    )
    if rendition is not None:
        return rendition.image, rendition.file
    image = image_model.objects.filter(file=path).select_related("collection").first()
    if image is not None:
        return image, image.file
    return None, None


def cache_headers(response: HttpResponse, access: Access) -> HttpResponse:
    """A shared cache may keep a public file, but must ask again each time (a file
    stops being public when the content using it is withdrawn); nobody keeps a file
    served to an editor or a password holder."""
    if access is Access.PUBLIC:
        patch_cache_control(response, public=True, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    image, file = _image_for(path)
    if image is None:
        raise Http404
    access = download_access(image, request)
    if access is None:
        raise Http404
    storage = file.storage
    if hasattr(storage, "signed_url"):
        response = redirect(storage.signed_url(file.name))
    else:
        response = serve_file(request, file.name, document_root=storage.location)
    return cache_headers(response, access)


def serve_document(
    request: HttpRequest, document_id: str, document_filename: str
) -> HttpResponse:
    """Wagtail's document view (its hooks decide), with cache headers of the answer."""
    response = serve_document_file(request, document_id, document_filename)
    access = getattr(request, "cms_document_access", Access.PRIVATE)
    return cache_headers(response, access)
