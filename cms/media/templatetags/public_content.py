"""Template filters for the site templates: show only what the public may open.

``{{ page|public }}`` is the page, document or image if the public may see it, else
None; ``{% for a in page.attachments.all|public_items:"document" %}`` keeps the items
whose page, document or image (at that attribute) is public, looked up in bulk.
The rule is the API's: live, unrestricted, 主动公开 pages (cms.home.selectors), and
files outside restricted collections (cms.media.selectors.unrestricted_ids; the
document and image views refuse the rest of what the public may not download).
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.db.models import Model
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from cms.home.selectors import public_pages

from ..selectors import unrestricted_ids

register = template.Library()


def _public_of(objects: Iterable[Model]) -> set[tuple[str, int]]:
    """(kind, pk) of the public ones among pages, documents and images."""
    pages, documents, images = [], [], []
    for obj in objects:
        if isinstance(obj, Page):
            pages.append(obj)
        elif isinstance(obj, AbstractDocument):
            documents.append(obj)
        elif isinstance(obj, AbstractImage):
            images.append(obj)
    allowed: set[tuple[str, int]] = set()
    if pages:
        ids = public_pages().filter(pk__in=[page.pk for page in pages])
        allowed |= {("page", pk) for pk in ids.values_list("pk", flat=True)}
    if documents:
        allowed |= {("document", pk) for pk in unrestricted_ids(documents)}
    if images:
        allowed |= {("image", pk) for pk in unrestricted_ids(images)}
    return allowed


def _key(obj: Model) -> tuple[str, int]:
    if isinstance(obj, Page):
        return ("page", obj.pk)
    if isinstance(obj, AbstractDocument):
        return ("document", obj.pk)
    return ("image", obj.pk)


def _attribute(item: object, path: str):
    for name in path.split(".") if path else ():
        if item is None:
            return None
        item = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
    return item


@register.filter
def public(obj: Model | None) -> Model | None:
    if obj is None:
        return None
    return obj if _key(obj) in _public_of([obj]) else None


@register.filter
def public_items(items: Iterable, path: str = "") -> list:
    items = list(items or ())
    targets = [_attribute(item, path) for item in items]
    allowed = _public_of(target for target in targets if target is not None)
    return [
        item
        for item, target in zip(items, targets, strict=True)
        if target is not None and _key(target) in allowed
    ]
