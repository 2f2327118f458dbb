"""Writes for search: rebuilding (re-segmenting) the index, reindexing one type."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from django.utils import timezone
from modelsearch.backends import get_search_backends_with_name
from modelsearch.conf import get_app_config
from modelsearch.index import get_indexed_models
from wagtail.search.backends import get_search_backend

from . import registry
from .segmentation import refresh
from .updates import forget_pending

logger = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 500
# progress(label, total) -> callback(done) ; lets the command draw a bar.
Progress = Callable[[str, int], Callable[[int], None]]


def _chunks(queryset, size: int) -> Iterator[list]:
    chunk: list = []
    for obj in queryset.iterator(chunk_size=size):
        chunk.append(obj)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _no_progress(label: str, total: int) -> Callable[[int], None]:
    return lambda done: None


def rebuild_index(
    *,
    backend_names: list[str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: Progress = _no_progress,
) -> int:
    """Re-segment and re-index everything with the current dictionary.

    Returns the number of objects offered to the index (non-public pages among them
    are left out by the backends).
    """
    refresh(force=True)
    names = backend_names or list(get_app_config().get_search_backend_config())
    offered = 0
    for name in names:
        backend = get_search_backend(name)
        if not backend.rebuilder_class:
            continue
        started = timezone.now()
        grouped: dict = {}
        indices: dict = {}
        for model in get_indexed_models():
            index = backend.get_index_for_model(model)
            indices[index.get_key()] = index
            grouped.setdefault(index.get_key(), []).append(model)
        for key, models in grouped.items():
            rebuilder = backend.rebuilder_class(indices[key])
            index = rebuilder.start()
            for model in models:
                index.add_model(model)
            for model in models:
                queryset = model.get_indexed_objects().order_by("pk")
                advance = progress(
                    f"{name}: {model._meta.app_label}.{model.__name__}",
                    queryset.count(),
                )
                done = 0
                for chunk in _chunks(queryset, chunk_size):
                    index.add_items(model, chunk)
                    done += len(chunk)
                    advance(done)
                offered += done
            rebuilder.finish()
        # Records whose update failed before are in the new index as they are now.
        forget_pending(backends=[name], started=started)
    return offered


def reindex_types(
    *,
    keys: list[str],
    backend_names: list[str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: Progress = _no_progress,
) -> int:
    """(Re)index the registered types ``keys`` in place, without a full rebuild:
    after a type is registered, or to catch up after an outage.

    Every row is offered; the backends index the public ones and remove the rest.
    Returns the number of rows offered.
    """
    unknown = [key for key in keys if key not in registry.search_keys()]
    if unknown:
        raise ValueError(f"unknown search types: {', '.join(unknown)}")
    refresh()
    if backend_names:
        backends = [(name, get_search_backend(name)) for name in backend_names]
    else:
        backends = list(get_search_backends_with_name(with_auto_update=True))
    offered = 0
    for key in keys:
        for search_type in registry.types_for_key(key):
            model = search_type.model
            if model not in get_indexed_models():
                continue
            queryset = model.get_indexed_objects().order_by("pk")
            if search_type.is_page:
                from .registry import content_type_id

                queryset = queryset.filter(content_type_id=content_type_id(model))
            for name, backend in backends:
                index = backend.get_index_for_model(model)
                advance = progress(
                    f"{name}: {model._meta.app_label}.{model.__name__}",
                    queryset.count(),
                )
                done = 0
                for chunk in _chunks(queryset, chunk_size):
                    index.add_items(model, chunk)
                    done += len(chunk)
                    advance(done)
                offered += done
    return offered


def reindex_section(*, page_id: int, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Bring the index up to date for a page and everything below it.

    A view restriction added to or removed from a page hides or reveals the whole
    section without saving any of its pages; the backends' ``add_items`` drops the
    pages that are no longer public and (re)indexes the ones that are. A backend
    that fails (Elasticsearch down) is logged and skipped: the query-time scope hides
    restricted pages anyway, and the next rebuild catches up.

    Returns the number of pages offered to the index.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    root = Page.objects.filter(pk=page_id).first()
    if root is None:
        return 0
    section = Page.objects.descendant_of(root, inclusive=True)
    indexed = set(get_indexed_models())
    # The backends that follow saves (AUTO_UPDATE), each built once, not per chunk.
    backends = list(get_search_backends_with_name(with_auto_update=True))
    offered = 0
    for content_type_id in section.values_list("content_type_id", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or model not in indexed:
            continue
        queryset = model.get_indexed_objects().filter(
            pk__in=section.filter(content_type_id=content_type_id).values("pk")
        )
        for chunk in _chunks(queryset.order_by("pk"), chunk_size):
            offered += len(chunk)
            for name, backend in backends:
                try:
                    backend.get_index_for_model(model).add_items(model, chunk)
                except Exception:  # noqa: BLE001 - never fail the editor's change
                    logger.warning(
                        "Search index: backend %s could not update the section"
                        " under page %s",
                        name,
                        page_id,
                        exc_info=True,
                    )
    return offered
