"""Request-scoped bulk loaders for what content refers to.

The view runs the schema synchronously, so strawberry's asyncio DataLoader cannot
batch. Instead everything a body refers to is *registered* while its blocks are
built, and the first field that needs any of it loads all that is registered in one
query per model. A body with N references therefore costs the same queries as one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, Prefetch, Q, QuerySet, prefetch_related_objects
from strawberry_django.optimizer import optimize
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from api.context import Info
from cms.home.selectors import public_pages


def _missing(ids: Iterable[int | None], known: dict) -> set[int]:
    return {pk for pk in ids if pk is not None and pk not in known}


class MediaLoader:
    """Images and documents, with image renditions prefetched for all at once."""

    def __init__(self) -> None:
        self._images: dict[int, Any] = {}
        self._documents: dict[int, Any] = {}
        self._awaiting_renditions: dict[int, Any] = {}
        self._restricted: frozenset[int] | None = None
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
        self.load_images([pk])
        return self._images[pk]

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

    def is_public(self, document) -> bool:
        """Documents in a collection with a view restriction never leave the admin."""
        return document.collection_id not in self.restricted_collections()

    def restricted_collections(self) -> frozenset[int]:
        if self._restricted is None:
            paths = list(
                CollectionViewRestriction.objects.values_list(
                    "collection__path", flat=True
                )
            )
            if not paths:
                self._restricted = frozenset()
            else:
                # A restriction covers the collection and everything below it.
                under = Q()
                for path in paths:
                    under |= Q(path__startswith=path)
                ids = Collection.objects.filter(under).values_list("pk", flat=True)
                self._restricted = frozenset(ids)
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
