"""The connection every list query returns: strawberry-django's, with a right, cheap count.

strawberry-django counts ``totalCount`` with ``COUNT(1) OVER ()`` on the list's
own query. That window is evaluated before ``DISTINCT``, so a filter across a
to-many relation (topics and their sub-topics, several issuers) counts a policy
once per matching row: 8 where the list has 5. It also needs every matching
row before the first one is returned, so the list cannot stop after ``first``
rows read in index order.

Here the count is an uncorrelated scalar subquery on the same filtered rows,
``(SELECT COUNT(DISTINCT id) ...)``: still one SQL query for list and count,
evaluated once, and the outer query can read 20 rows from the ordering's index
and stop.
"""

from __future__ import annotations

from typing import Any

import strawberry
from django.db import models
from strawberry import relay
from strawberry_django.queryset import get_queryset_config
from strawberry_django.relay import DjangoListConnection
from strawberry_django.relay.list_connection import _should_optimize_total_count

TOTAL_COUNT_ATTR = "_strawberry_total_count"  # read by DjangoListConnection.total_count


def _count(distinct: bool) -> models.Func:
    return models.Func(
        models.F("pk"),
        function="COUNT",
        template="%(function)s(DISTINCT %(expressions)s)"
        if distinct
        else "%(function)s(%(expressions)s)",
        output_field=models.IntegerField(),
    )


def count_subquery(queryset: models.QuerySet) -> models.Subquery:
    """The number of distinct rows of ``queryset``, as a one-value subquery."""
    query = queryset.query
    grouped = query.group_by is not None or any(
        getattr(annotation, "contains_aggregate", False)
        for annotation in query.annotations.values()
    )
    if grouped:
        # Aggregated rows (a count per consultation, say): count their keys from
        # outside, as COUNT() cannot join that GROUP BY.
        keys = queryset.order_by().values("pk")
        counted = queryset.model._base_manager.filter(pk__in=keys)
        counted = counted.order_by().annotate(_count=_count(distinct=False))
    else:
        counted = queryset.order_by().annotate(_count=_count(distinct=True))
    return models.Subquery(counted.values("_count"), output_field=models.IntegerField())


@strawberry.type(name="Connection", description="A connection to a list of items.")
class ListConnection(DjangoListConnection[relay.NodeType]):
    @classmethod
    def resolve_connection(
        cls,
        nodes: Any,
        *,
        info: Any,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
        **kwargs: Any,
    ) -> Any:
        config = (
            get_queryset_config(nodes) if isinstance(nodes, models.QuerySet) else None
        )
        if (
            config is None
            or not config.optimized
            or config.optimized_by_prefetching
            or ((last or 0) > 0 and before is None)
            or not _should_optimize_total_count(info)
        ):
            return super().resolve_connection(
                nodes,
                info=info,
                before=before,
                after=after,
                first=first,
                last=last,
                **kwargs,
            )
        # The same pagination as DjangoListConnection's, without its window count.
        nodes = nodes.annotate(**{TOTAL_COUNT_ATTR: count_subquery(nodes)})
        conn = relay.ListConnection.resolve_connection.__func__(
            cls,
            nodes,
            info=info,
            before=before,
            after=after,
            first=first,
            last=last,
            **kwargs,
        )
        conn.nodes = nodes
        return conn
