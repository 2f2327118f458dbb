"""Reads of interpretations that the API, search and the site share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from wagtail.models import Site

from cms.core.selectors import public_pages
from cms.policies.selectors import public_policies

from .models import InterpretationPage, InterpretedPolicy


def _by_date(prefix: str = "", *, descending: bool = True) -> tuple:
    # An interpretation without a 发布日期 sorts by when it went live.
    return tuple(
        F(f"{prefix}{name}").desc(nulls_last=True)
        if descending
        else F(f"{prefix}{name}").asc(nulls_last=True)
        for name in ("publish_date", "first_published_at", "pk")
    )


NEWEST_FIRST = _by_date()
OLDEST_FIRST = _by_date(descending=False)
# The same order for link rows (InterpretedPolicy), by their interpretation.
LINKS_NEWEST_FIRST = _by_date("page__")


@dataclass(frozen=True)
class InterpretationCriteria:
    # None: no filter; an empty tuple matches nothing.
    policy_ids: tuple[int, ...] | None = None
    roles: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    department_ids: tuple[int, ...] | None = None


def public_interpretations(*, site: Site | None) -> QuerySet:
    """Live interpretations without view restrictions, within ``site``."""
    return public_pages(site, model=InterpretationPage)


def ordered_interpretations(
    queryset: QuerySet, *, newest_first: bool = True
) -> QuerySet:
    return queryset.order_by(*(NEWEST_FIRST if newest_first else OLDEST_FIRST))


def filter_interpretations(
    queryset: QuerySet, *, criteria: InterpretationCriteria, site: Site | None
) -> QuerySet:
    if criteria.policy_ids is not None:
        # Only public policies of the site match: a filter must not confirm that a
        # hidden policy exists. A subquery keeps one row per interpretation.
        policies = public_policies(site).filter(pk__in=criteria.policy_ids)
        queryset = queryset.filter(
            pk__in=InterpretedPolicy.objects.filter(
                policy__in=policies.values("pk")
            ).values("page")
        )
    if criteria.roles:
        queryset = queryset.filter(role__in=criteria.roles)
    if criteria.department_ids is not None:
        queryset = queryset.filter(department__in=criteria.department_ids)
    if criteria.formats:
        queryset = queryset.filter(_having_block_types(queryset.db, criteria.formats))
    return queryset


def _having_block_types(alias: str, block_types: tuple[str, ...]) -> Q:
    """Interpretations whose body has a top-level block of one of ``block_types``.

    The formats live only in the StreamField's JSON, so the database looks into it.
    """
    if connections[alias].vendor == "postgresql":
        query = Q()
        for block_type in block_types:
            query |= Q(body__contains=[{"type": block_type}])
        return query
    # SQLite: walk the top-level array with json_each. Values are parameters.
    table = InterpretationPage._meta.db_table
    placeholders = ", ".join(["%s"] * len(block_types))
    sql = (
        f"SELECT {table}.page_ptr_id FROM {table}, json_each({table}.body) "  # noqa: S608
        f"WHERE json_extract(json_each.value, '$.type') IN ({placeholders})"
    )
    return Q(pk__in=RawSQL(sql, block_types))  # noqa: S611
