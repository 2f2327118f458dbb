"""What the public search can find: one registration per searchable model.

A domain declares its searchable types on its AppConfig, like its site section::

    class QuestionsConfig(AppConfig):
        def search_types(self):
            return (SearchType(key="question", label=_("网上咨询"), model=Question,
                               public=lambda site: published_questions(), ...),)

``SearchConfig.ready()`` registers every installed app's types, then each declared
site section's index page (cms/home/sections.py) as another page unless its domain
registered it. Nothing else lists what the search returns.

Pages and records register the same way. What differs is the public-only rule:
every page follows the site-wide one (``cms.core.selectors.public_pages``: live,
not expired, without view restriction, within the site, 主动公开), a record
declares its own (``public``). Only rows of that queryset are indexed and only
they are returned, whatever the index holds.

``key`` is the value of the ``contentType`` facet and filter (the GraphQL enum
``SearchContentType`` has one member per key, named ``key.upper()``); several page
types may share a key (the column pages are all "page").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

# The key of the pages that have no type of their own (home, columns).
OTHER_PAGES = "page"
OTHER_PAGES_LABEL = _("其他页面")
OTHER_PAGES_DESCRIPTION = _("其他页面（首页、栏目页）")
# Search fields whose words rank like the title (the 文号 is as telling as a title).
TITLE_FIELDS = frozenset({"title", "doc_number", "doc_number_normalized"})
_KEY_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz_")


def _page_title(obj: Any) -> str:
    return obj.title


@dataclass(frozen=True, eq=False)
class SearchType:
    """One searchable model: its key and label, public rule, facets and result."""

    key: str
    label: str | Promise
    model: type[models.Model]
    # Records: the rows the public may find (``site`` may be None: every site).
    # Pages leave it unset and follow public_pages(site).
    public: Callable[[Site | None], QuerySet] | None = None
    # Facets, as field paths from the model: to taxonomy.Topic (a first-level topic
    # also finds its second-level ones), to taxonomy.Organization, and the date
    # fields of the 发布年份 (the first that is set counts; a DateTimeField counts by
    # its local date). ``validity(prefix)`` is an expression giving the 有效性 value.
    topics: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    validity: Callable[[str], Any] | None = None
    # The result: its plain title, the text its snippet is cut from, and for a
    # record the site paths that show it ({pk: path or None}; a page has its own).
    title: Callable[[Any], str] = _page_title
    text: Callable[[Any], str] | None = None
    urls: Callable[[Sequence[Any], Site], dict[Any, str | None]] | None = None
    # Search fields indexed with the title's weight.
    title_fields: frozenset[str] = TITLE_FIELDS
    description: str | Promise | None = None  # of the GraphQL enum value

    @property
    def is_page(self) -> bool:
        return issubclass(self.model, Page)

    def public_queryset(self, site: Site | None = None) -> QuerySet:
        """Rows of this type the public may find on ``site`` (any site if None)."""
        if self.is_page:
            from cms.core.selectors import listed_pages

            # Archived pages keep their address but are not found (定期清理).
            return listed_pages(site, model=self.model)
        return self.public(site)

    def date_field(self, path: str) -> models.Field:
        """The model field at the end of ``path``."""
        model = self.model
        for name in path.split("__")[:-1]:
            model = model._meta.get_field(name).related_model
        return model._meta.get_field(path.split("__")[-1])

    def date_of(self, values: Sequence) -> datetime.date | None:
        """The 发布日期 from the values of ``dates``, in order: the first that is set."""
        from django.utils import timezone

        for value in values:
            if value is None:
                continue
            if isinstance(value, datetime.datetime):
                return timezone.localtime(value).date()
            return value
        return None


class RegistrationError(ValueError):
    pass


_types: dict[type[models.Model], SearchType] = {}
_keys: dict[str, list[SearchType]] = {}
_discovered = False


def register(search_type: SearchType) -> SearchType:
    """Make ``search_type.model`` searchable by the public under ``search_type.key``."""
    key = search_type.key
    if not key or not set(key) <= _KEY_CHARACTERS:
        raise RegistrationError(f"search key {key!r}: lower-case letters and _ only")
    if not search_type.is_page and search_type.public is None:
        raise RegistrationError(
            f"{search_type.model.__name__}: a record declares its public queryset"
        )
    if search_type.is_page and search_type.public is not None:
        raise RegistrationError(
            f"{search_type.model.__name__}: pages follow public_pages(), not their own"
        )
    if not search_type.is_page and getattr(
        search_type.model, "search_auto_update", True
    ):
        # modelsearch's own handlers would index inside the saving transaction
        # and let a failing backend fail the save.
        raise RegistrationError(
            f"{search_type.model.__name__}: set search_auto_update = False, "
            "search.signals updates the index of records after the commit"
        )
    same_key = _keys.get(key, [])
    if same_key:
        first = same_key[0]
        if first.is_page != search_type.is_page or str(first.label) != str(
            search_type.label
        ):
            raise RegistrationError(
                f"search key {key!r} is shared by types of another label or kind"
            )
        if not search_type.is_page:
            raise RegistrationError(f"search key {key!r}: one record model per key")
    if search_type.model in _types:
        raise RegistrationError(f"{search_type.model.__name__} is registered twice")
    _types[search_type.model] = search_type
    _keys.setdefault(key, []).append(search_type)
    _clear_caches()
    return search_type


def other_page(model: type[Page]) -> SearchType:
    """The registration of a page type without a type of its own (a column page)."""
    return SearchType(
        key=OTHER_PAGES,
        label=OTHER_PAGES_LABEL,
        description=OTHER_PAGES_DESCRIPTION,
        model=model,
        dates=("first_published_at",),
    )


def autodiscover() -> None:
    """Register what the installed apps declare (``search_types()``), then the
    declared site sections' index pages not registered by their domain."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    from django.apps import apps

    from cms.home.sections import declared_sections

    for config in apps.get_app_configs():
        declare = getattr(config, "search_types", None)
        if callable(declare):
            for search_type in declare():
                register(search_type)
    for section in declared_sections():
        if section.model_class not in _types:
            register(other_page(section.model_class))


def _clear_caches() -> None:
    _fallback_page_type.cache_clear()


# --- Reading the registry ---------------------------------------------------------------


def search_types() -> list[SearchType]:
    """Every registration, grouped by key in key order."""
    return [t for key in search_keys() for t in _keys[key]]


def search_keys() -> list[str]:
    """The keys in registration order, "page" (other pages) last."""
    return sorted(_keys, key=lambda key: key == OTHER_PAGES)


def label(key: str) -> str:
    return str(_keys[key][0].label)


def description(key: str) -> str:
    first = _keys[key][0]
    return str(first.description or first.label)


def types_for_key(key: str) -> list[SearchType]:
    return list(_keys.get(key, ()))


def registered_type(model: type[models.Model]) -> SearchType | None:
    """The registration of exactly ``model`` (None if it has none of its own)."""
    return _types.get(model)


def type_for(model: type[models.Model]) -> SearchType | None:
    """The registration that applies to ``model``: its own, or for a page type
    registered by no domain, the "other pages" one (a page never goes missing)."""
    found = _types.get(model)
    if found is None and issubclass(model, Page):
        return _fallback_page_type()
    return found


@cache
def _fallback_page_type() -> SearchType:
    return _types.get(Page) or other_page(Page)


def page_types() -> list[SearchType]:
    return [t for t in search_types() if t.is_page]


def record_types() -> list[SearchType]:
    return [t for t in search_types() if not t.is_page]


def record_type_for(model: type[models.Model]) -> SearchType | None:
    """The record registration of ``model`` (None for pages and unregistered models)."""
    found = _types.get(model)
    return found if found is not None and not found.is_page else None


def content_type_id(model: type[models.Model]) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model, for_concrete_model=False).pk


def content_type_map() -> dict[int, SearchType]:
    """{content type id: registration} for every page model and registered record.

    Page models registered by no domain map to "other pages" (see ``type_for``).
    Not cached here: content type ids change when a test flushes the database, and
    Django's ContentType cache makes this a few dictionary look-ups.
    """
    from wagtail.models import get_page_models

    result: dict[int, SearchType] = {}
    for model in get_page_models():
        found = type_for(model)
        if found is not None:
            result[content_type_id(model)] = found
    for search_type in record_types():
        result[content_type_id(search_type.model)] = search_type
    return result


@cache
def page_path(model: type[models.Model]) -> str:
    """The query path from ``Page`` to ``model``'s own table ("policypage"), "" for
    Page itself: page types share one queryset in the search's scope."""
    parts: list[str] = []
    current = model
    while current is not Page:
        parents = [
            parent for parent in current._meta.parents if issubclass(parent, Page)
        ]
        if not parents:
            raise RegistrationError(f"{model.__name__} is not a page type")
        link = current._meta.parents[parents[0]]
        parts.insert(0, link.related_query_name())
        current = parents[0]
    return "__".join(parts)


@cache
def prefixed(search_type: SearchType, path: str) -> str:
    """``path`` of a registration as seen from its queryset in the search's scope."""
    if not search_type.is_page:
        return path
    own = page_path(search_type.model)
    if not own or _is_page_field(path):
        return path
    return f"{own}__{path}"


def _is_page_field(path: str) -> bool:
    name = path.split("__")[0]
    try:
        field = Page._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a Page field
        return False
    return field.model is Page


def type_condition(search_type: SearchType) -> Q | None:
    """The rows of ``search_type`` within its scope's queryset (None: all of them)."""
    if not search_type.is_page:
        return None
    return Q(content_type_id=content_type_id(search_type.model))


__all__ = [
    "OTHER_PAGES",
    "TITLE_FIELDS",
    "RegistrationError",
    "SearchType",
    "autodiscover",
    "content_type_map",
    "search_keys",
    "other_page",
    "register",
    "registered_type",
    "search_types",
    "type_for",
]
