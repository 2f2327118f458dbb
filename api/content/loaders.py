"""Request-scoped bulk loaders for what content refers to.

The view runs the schema synchronously, so strawberry's asyncio DataLoader cannot
batch. Instead everything a body refers to is *registered* while its blocks are
built, and the first field that needs any of it loads all that is registered in one
query per model. A body with N references therefore costs the same queries as one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, Prefetch, QuerySet, prefetch_related_objects
from strawberry_django.optimizer import optimize
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from api.context import Context, Info
from cms.home.selectors import public_pages
from cms.media.selectors import (
    publicly_used_ids,
    restricted_collection_ids,
    unrestricted_ids,
    user_may_see_private,
)


def _missing(ids: Iterable[int | None], known: dict) -> set[int]:
    return {pk for pk in ids if pk is not None and pk not in known}


class MediaLoader:
    """Images and documents, with image renditions prefetched for all at once.

    What of them the public may download is the rule of ``cms.media.selectors``,
    which the site templates and the file views apply too.
    """

    def __init__(self, api_context: Context) -> None:
        self._api_context = api_context
        self._images: dict[int, Any] = {}
        self._documents: dict[int, Any] = {}
        self._awaiting_renditions: dict[int, Any] = {}
        self._restricted: frozenset[int] | None = None
        # (model label, pk) -> may this request have the file of a draft (preview)?
        self._previewable: dict[tuple[str, int], bool] = {}
        # Distinct custom image filters asked for in this request (capped).
        self.custom_filters: set[str] = set()

    # --- images ----------------------------------------------------------------------
    def adopt_image(self, image) -> None:
        """Track an image already loaded (by a chooser block) for rendition prefetch."""
        self._images.setdefault(image.pk, image)
        if not _has_prefetched_renditions(image):
            self._awaiting_renditions[id(image)] = image

    def load_images(self, ids: Iterable[int]) -> None:
        missing = _missing(ids, self._images)
        if not missing:
            return
        found = get_image_model().objects.in_bulk(missing)
        for pk in missing:
            self._images[pk] = found.get(pk)
            if pk in found:
                self._awaiting_renditions[id(found[pk])] = found[pk]

    def image(self, pk: int):
        """An image the public may see, else None."""
        self.load_images([pk])
        image = self._images[pk]
        return image if image and self.is_public(image) else None

    def prefetch_renditions(self) -> None:
        """All renditions of every image seen so far, in one query."""
        if not self._awaiting_renditions:
            return
        images = list(self._awaiting_renditions.values())
        self._awaiting_renditions.clear()
        rendition_model = get_image_model().get_rendition_model()
        prefetch_related_objects(
            images,
            Prefetch(
                "renditions",
                queryset=rendition_model.objects.all(),
                to_attr="prefetched_renditions",
            ),
        )

    # --- documents -------------------------------------------------------------------
    def adopt_document(self, document) -> None:
        """Remember a document a chooser block loaded, so links to it cost nothing."""
        self._documents.setdefault(document.pk, document)

    def load_documents(self, ids: Iterable[int]) -> None:
        missing = _missing(ids, self._documents)
        if not missing:
            return
        found = get_document_model().objects.in_bulk(missing)
        for pk in missing:
            self._documents[pk] = found.get(pk)

    def document(self, pk: int):
        """A document the public may download, else None."""
        self.load_documents([pk])
        document = self._documents[pk]
        return document if document and self.is_public(document) else None

    def is_public(self, obj) -> bool:
        """Whether the request may receive ``obj`` (a document or an image).

        Files in a collection with a view restriction never leave the admin. Other
        files are public when live 主动公开 content uses them; what the API returns
        outside a preview *is* such content (public selectors only), and it uses the
        files it holds, so no lookup is needed. A preview is a draft: its files that
        nothing public uses go only to an editor who may open them in the admin.
        """
        if obj.pk not in unrestricted_ids([obj], self.restricted_collections()):
            return False
        if not self._api_context.private:
            return True
        key = (obj._meta.label, obj.pk)
        if key not in self._previewable:
            self._previewable[key] = bool(
                obj.pk in publicly_used_ids(type(obj), [obj.pk])
                or user_may_see_private(self._api_context.request.user, obj)
            )
        return self._previewable[key]

    def restricted_collections(self) -> frozenset[int]:
        if self._restricted is None:
            self._restricted = restricted_collection_ids()
        return self._restricted


def _has_prefetched_renditions(image) -> bool:
    return hasattr(image, "prefetched_renditions") or "renditions" in getattr(
        image, "_prefetched_objects_cache", {}
    )


class PageLinkLoader:
    """Live, public pages of one site that rich text links to (tree fields only)."""

    def __init__(self, site: Site | None) -> None:
        self.site = site
        self._pages: dict[int, Page | None] = {}

    def load(self, ids: Iterable[int]) -> None:
        missing = _missing(ids, self._pages)
        if not missing:
            return
        if self.site is None:
            found = {}
        else:
            queryset = public_pages(self.site).filter(pk__in=missing)
            found = queryset.only("id", "url_path", "path", "depth").in_bulk()
        for pk in missing:
            self._pages[pk] = found.get(pk)

    def page(self, pk: int) -> Page | None:
        self.load([pk])
        return self._pages[pk]


# A selector taking ``site=``: what of a model the public may see.
Selector = Callable[..., QuerySet]


class ReferenceLoader:
    """Pages and snippets chosen in blocks, optimized for the fields the query selects.

    References are keyed by their selector (``public_policies`` ...): a reference to
    anything outside what it returns (a draft, 依申请公开, another site's page)
    resolves to None.
    """

    def __init__(self, site: Site | None) -> None:
        self.site = site
        self._registered: dict[Selector, set[int]] = {}
        # Loaded objects per (selector, selection): each selection is optimized once.
        self._loaded: dict[tuple[Selector, int], dict[int, Model | None]] = {}

    def register(self, selector: Selector, pk: int | None) -> None:
        if pk is not None:
            self._registered.setdefault(selector, set()).add(pk)

    def get(self, selector: Selector, pk: int | None, info: Info) -> Model | None:
        if pk is None:
            return None
        self.register(selector, pk)
        # The field node is shared by every item the selection applies to.
        key = (selector, id(info._raw_info.field_nodes[0]))
        loaded = self._loaded.setdefault(key, {})
        missing = _missing(self._registered[selector], loaded)
        if missing:
            found: dict[int, Model] = {}
            if self.site is not None:
                queryset = selector(site=self.site).filter(pk__in=missing)
                found = {obj.pk: obj for obj in optimize(queryset, info)}
            for missing_pk in missing:
                loaded[missing_pk] = found.get(missing_pk)
        return loaded[pk]
