"""Pages reached through link rows (policy→policy, interpretation→policy, ...).

Only linked pages that are live and public in the requested site come back. In a
list the links and their pages are prefetched once, the pages optimized for the
fields the query selects; a single page (or a preview) falls back to one query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Exists, Model, OuterRef, Prefetch, QuerySet
from wagtail.models import Site

from api.context import Info
from api.optimizer import optimize

# A selector taking ``site=``: the pages that may be shown.
PagesOf = Callable[..., QuerySet]


def _allowed(pages: PagesOf, info: Info) -> QuerySet:
    site: Site | None = info.context.site
    # Memoized per request: querysets derived from it (subqueries, prefetches)
    # share one build.
    key = f"allowed:{pages.__module__}.{pages.__qualname__}:{site.pk if site else '-'}"
    allowed = info.context.loaders.get(key)
    if allowed is None:
        allowed = pages(site=site) if site is not None else pages(site=None).none()
        info.context.loaders[key] = allowed
    return allowed  # type: ignore[return-value]


def linked_pages_prefetch(
    relation: str,
    *,
    link_model: type[Model],
    target: str,
    pages: PagesOf,
    order_by: Sequence[Any] = ("sort_order", "pk"),
    to_attr: str | None = None,
    with_pages: bool = True,
) -> Callable[[Info], Prefetch]:
    """An optimizer hint: prefetch the public links of ``relation`` into ``to_attr``.

    Two fields prefetching the same relation need their own ``to_attr``: the
    optimizer refuses to merge two filtered prefetches into one attribute.
    """

    def build(info: Info) -> Prefetch:
        allowed = _allowed(pages, info)
        # A correlated EXISTS, not ``target IN (allowed)``: SQLite would build the
        # whole list of allowed pages (a scan of every page) for each prefetch,
        # where EXISTS looks up the few linked pages by primary key.
        links = link_model._default_manager.filter(
            Exists(allowed.filter(pk=OuterRef(target)))
        ).order_by(*order_by)
        if with_pages:
            links = links.prefetch_related(
                Prefetch(target, queryset=optimize(allowed, info))
            )
        return Prefetch(relation, queryset=links, to_attr=to_attr or _attr(relation))

    return build


def _attr(relation: str) -> str:
    return f"public_{relation}"


def linked_links(
    obj: Model,
    info: Info,
    *,
    relation: str,
    target: str,
    pages: PagesOf,
    to_attr: str | None = None,
) -> list[Model]:
    """The public link rows themselves, with their page, for fields that need both."""
    prefetched = getattr(obj, to_attr or _attr(relation), None)
    if prefetched is not None:
        return prefetched
    links = list(getattr(obj, relation).all())
    found = _pages_by_id(links, info, target=target, pages=pages)
    kept = []
    for link in links:
        page = found.get(getattr(link, f"{target}_id"))
        if page is not None:
            setattr(link, target, page)
            kept.append(link)
    return kept


def linked_pages(
    obj: Model,
    info: Info,
    *,
    relation: str,
    target: str,
    pages: PagesOf,
    order_by: Sequence[Any] | None = None,
) -> list[Model]:
    """The live, public pages ``obj`` links to through ``relation``.

    Without a prefetch (a single page, or a preview whose links live in memory)
    the pages are fetched in one query, in link order or ``order_by``.
    """
    prefetched = getattr(obj, _attr(relation), None)
    if prefetched is not None:
        return [getattr(link, target) for link in prefetched]
    links = list(getattr(obj, relation).all())
    if order_by is not None:
        ids = [getattr(link, f"{target}_id") for link in links]
        queryset = _allowed(pages, info).filter(pk__in=ids).order_by(*order_by)
        return list(optimize(queryset, info))
    found = _pages_by_id(links, info, target=target, pages=pages)
    ordered = (found.get(getattr(link, f"{target}_id")) for link in links)
    return [page for page in ordered if page is not None]


def _pages_by_id(links: list, info: Info, *, target: str, pages: PagesOf) -> dict:
    ids = [getattr(link, f"{target}_id") for link in links]
    if not ids:
        return {}
    queryset = _allowed(pages, info).filter(pk__in=ids)
    return {page.pk: page for page in optimize(queryset, info)}
