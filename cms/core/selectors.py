"""Which pages the public may see: the one rule every reader applies.

GraphQL, search, the site templates and the index pages' listings all start from
``public_pages``. A page is public when it is

- live (published, not unpublished or withdrawn),
- not past its 下线时间 (``expire_at``): Wagtail unpublishes such a page only when
  ``publish_scheduled`` runs, and it must not stay visible until then,
- not under a view restriction (password, login, group),
- 主动公开, if its type records a 公开属性 (a ``disclosure`` field): 依申请公开 and
  不予公开 content never leaves the admin (政府信息公开条例 第十三条、第十四条),
- within the site asked for, if one is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.db.models import Q, QuerySet
from django.db.models.functions import Now
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from .choices import Disclosure

DISCLOSURE_FIELD = "disclosure"


def has_disclosure(model: type[Page]) -> bool:
    """Whether pages of ``model`` record a 公开属性."""
    return any(field.name == DISCLOSURE_FIELD for field in model._meta.concrete_fields)


def _lookup_from(ancestor: type[Page], model: type[Page]) -> str | None:
    """The ORM path from ``ancestor`` down to ``model`` (``"policypage"``), else None."""
    names: list[str] = []
    current = model
    while current is not ancestor:
        parents = [
            parent for parent in current._meta.parents if issubclass(parent, ancestor)
        ]
        if not parents:
            return None
        names.append(current._meta.model_name)
        current = parents[0]
    return "__".join(reversed(names))


@cache
def _withheld_paths(model: type[Page]) -> tuple[str, ...]:
    """Paths from ``model`` to each page type below it that records a 公开属性."""
    paths = []
    for page_model in get_page_models():
        if page_model is model or not has_disclosure(page_model):
            continue
        path = _lookup_from(model, page_model)
        if path:
            paths.append(path)
    return tuple(sorted(paths))


def not_publicly_disclosed(model: type[Page] = Page) -> Q:
    """Rows of ``model`` that are pages whose 公开属性 is not 主动公开."""
    if has_disclosure(model):
        return ~Q(**{DISCLOSURE_FIELD: Disclosure.PUBLIC})
    withheld = Q(pk__in=[])
    for path in _withheld_paths(model):
        withheld |= Q(**{f"{path}__isnull": False}) & ~Q(
            **{f"{path}__{DISCLOSURE_FIELD}": Disclosure.PUBLIC}
        )
    return withheld


def is_publicly_disclosed(page: Page) -> bool:
    """Whether ``page``'s 公开属性 is 主动公开 (a type without one is, by its type)."""
    return getattr(page, DISCLOSURE_FIELD, Disclosure.PUBLIC) == Disclosure.PUBLIC


def not_expired() -> Q:
    """Pages whose 下线时间 has not come."""
    # The database's clock, not a value fixed when the queryset is built: querysets
    # kept for reuse (the API's optimizer plans) stay right as time passes.
    return Q(expire_at__isnull=True) | Q(expire_at__gt=Now())


def read_restricted_sections() -> tuple[tuple[str, int], ...]:
    """(tree path, depth) of every page under a view restriction, from the database."""
    return tuple(
        PageViewRestriction.objects.order_by("pk").values_list(
            "page__path", "page__depth"
        )
    )


# Every public read needs the restricted sections, and they change rarely: a
# process may install a memo of ``read_restricted_sections`` that knows when
# they changed (the API's, keyed on its cache generation).
_restricted_sections: Callable[[], tuple[tuple[str, int], ...]] = (
    read_restricted_sections
)


def use_restricted_sections(reader: Callable[[], tuple[tuple[str, int], ...]]) -> None:
    global _restricted_sections
    _restricted_sections = reader


def restricted_q() -> Q | None:
    """Pages under a view restriction (Wagtail's ``private_q``), None if there are none."""
    q = None
    for path, depth in _restricted_sections():
        section = Q(path__startswith=path) & Q(depth__gte=depth)
        q = section if q is None else q | section
    return q


def public_pages(site: Site | None = None, *, model: type[Page] = Page) -> QuerySet:
    """Pages of ``model`` the public may see, within ``site`` if given."""
    # Wagtail's .public(), but the restricted sections come from _restricted_sections.
    queryset = model.objects.live().filter(not_expired())
    if (restricted := restricted_q()) is not None:
        queryset = queryset.exclude(restricted)
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    if has_disclosure(model):
        return queryset.filter(**{DISCLOSURE_FIELD: Disclosure.PUBLIC})
    if _withheld_paths(model):
        return queryset.exclude(not_publicly_disclosed(model))
    return queryset


# Public pages left out of listings and search but still served at their address
# (定期清理's 归档). A domain registers a callable giving their ids as a queryset.
_unlisted: list[Callable[[], QuerySet]] = []


def register_unlisted(provider: Callable[[], QuerySet]) -> None:
    if provider not in _unlisted:
        _unlisted.append(provider)


def listed(queryset: QuerySet) -> QuerySet:
    """``queryset`` without the pages that are public but unlisted (archived)."""
    for provider in _unlisted:
        queryset = queryset.exclude(pk__in=provider())
    return queryset


def listed_pages(site: Site | None = None, *, model: type[Page] = Page) -> QuerySet:
    """Public pages that lists and the public search show."""
    return listed(public_pages(site, model=model))


def public_children(parent: Page, *, model: type[Page] = Page) -> QuerySet:
    """The listed public pages of ``model`` directly below ``parent``."""
    return listed_pages(model=model).child_of(parent)
