"""The optimizer's plan, worked out once per query shape and reused.

strawberry-django's optimizer walks a field's selections on every request to
decide its ``only``/``select_related``/``prefetch_related``/``annotate`` (the
"store"), building each nested prefetch's queryset on the way: a fifth of an
uncached 20-policy list. For the same parsed query (the parser cache hands back
the same AST nodes for the same text) and the same values of the variables used
below the field, the store comes out the same, as long as what the prefetches
read stays the same:

- the site the root field asked for (public pages of that site),
- the content the API watches (view restrictions, archived pages, sites): keyed
  on the response cache's generation, which any change bumps,
- the date (validity and deadlines read today, as the response cache keys do).

A hint whose queryset reads the clock finer than the date when it is built would be
kept with that instant: compare with the database's clock (``Now()``) instead, as
``not_expired`` does.

Only the store is remembered; it is applied to each request's own queryset, and
Django clones a prefetch's queryset before running it. Mutations are never
planned from the memo.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import astuple
from typing import Any

from django.db.models import QuerySet
from django.db.models.manager import BaseManager
from django.utils import timezone
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLResolveInfo,
    InlineFragmentNode,
    OperationType,
    VariableNode,
    get_named_type,
)
from strawberry import Info
from strawberry_django.optimizer import (
    DjangoOptimizerExtension,
    OptimizerConfig,
    OptimizerStore,
    _get_gql_definition,
    _get_model_hints,
    django_fetch,
    is_optimized,
)
from strawberry_django.optimizer import optimize as optimize_uncached
from strawberry_django.queryset import get_queryset_config
from strawberry_django.utils.inspect import (
    get_possible_concrete_types,
    is_inheritance_qs,
)

from .cache import current_generation

MAX_PLANS = 512


class _Plan:
    __slots__ = ("nodes", "store", "subclasses")

    def __init__(self, nodes: tuple, store: OptimizerStore | None, subclasses: Any):
        self.nodes = nodes  # held, so the ids in the key are not reused
        self.store = store
        self.subclasses = subclasses


_plans: OrderedDict[Hashable, _Plan] = OrderedDict()
_plans_generation: list[str | None] = [None]
_lock = threading.Lock()
# id(field nodes) -> (nodes, the variables their selections read)
_variables_below: dict[tuple[int, ...], tuple[tuple, tuple[str, ...]]] = {}


def forget_plans() -> None:
    with _lock:
        _plans.clear()
        _variables_below.clear()
        _plans_generation[0] = None


def _walk_variables(selection_set: Any, fragments: dict, seen: set, out: set) -> None:
    if selection_set is None:
        return
    for selection in selection_set.selections:
        for directive in selection.directives or ():
            _collect_variables(directive.arguments, out)
        if isinstance(selection, FieldNode):
            _collect_variables(selection.arguments, out)
            _walk_variables(selection.selection_set, fragments, seen, out)
        elif isinstance(selection, InlineFragmentNode):
            _walk_variables(selection.selection_set, fragments, seen, out)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name not in seen and name in fragments:
                seen.add(name)
                _walk_variables(fragments[name].selection_set, fragments, seen, out)


def _collect_variables(node: Any, out: set) -> None:
    if node is None:
        return
    if isinstance(node, VariableNode):
        out.add(node.name.value)
    elif isinstance(node, list | tuple):
        for item in node:
            _collect_variables(item, out)
    elif hasattr(node, "keys"):
        for key in node.keys:
            if key != "loc":
                _collect_variables(getattr(node, key, None), out)


def _variables_used_below(info: GraphQLResolveInfo) -> tuple[str, ...]:
    nodes = tuple(info.field_nodes)
    key = tuple(map(id, nodes))
    held = _variables_below.get(key)
    if held is not None and all(a is b for a, b in zip(held[0], nodes, strict=True)):
        return held[1]
    found: set[str] = set()
    for node in nodes:
        _walk_variables(node.selection_set, info.fragments, set(), found)
    names = tuple(sorted(found))
    if len(_variables_below) >= MAX_PLANS:
        _variables_below.clear()
    _variables_below[key] = (nodes, names)
    return names


def _plan_key(
    qs: QuerySet, info: GraphQLResolveInfo, config: OptimizerConfig
) -> Hashable | None:
    if info.operation.operation != OperationType.QUERY:
        return None
    context = info.context
    site = getattr(context, "site", None)
    try:
        values = {
            name: info.variable_values.get(name) for name in _variables_used_below(info)
        }
        variables = json.dumps(values, sort_keys=True, default=str) if values else ""
    except (TypeError, ValueError):
        return None
    return (
        tuple(map(id, info.field_nodes)),
        info.parent_type.name,
        str(info.return_type),
        qs.model,
        is_inheritance_qs(qs),
        astuple(config),
        variables,
        site.pk if site is not None else None,
        timezone.localdate(),
    )


def _work_out(
    qs: QuerySet, info: GraphQLResolveInfo, config: OptimizerConfig
) -> tuple[OptimizerStore | None, Any]:
    """strawberry-django's ``optimize`` up to applying: the store and subclasses."""
    schema = info.schema._strawberry_schema  # type: ignore[attr-defined]
    strawberry_type = schema.get_type_by_name(get_named_type(info.return_type).name)
    if strawberry_type is None:
        return None, None
    store = OptimizerStore()
    subclasses = None if not is_inheritance_qs(qs) else set()
    for definition in get_possible_concrete_types(qs.model, schema, strawberry_type):
        new_store = _get_model_hints(
            qs.model,
            schema,
            definition,
            parent_type=_get_gql_definition(schema, definition),
            info=info,
            config=config,
            subclass_collection=subclasses,
        )
        if new_store is not None:
            store |= new_store
    return store, subclasses


def _plan_for(qs: QuerySet, info: GraphQLResolveInfo, config: OptimizerConfig):
    key = _plan_key(qs, info, config)
    if key is None:
        return None
    try:
        generation = current_generation()
    except Exception:  # the shared cache is down: nothing tells when content changed
        return None
    with _lock:
        if _plans_generation[0] != generation:
            _plans.clear()
            _plans_generation[0] = generation
        plan = _plans.get(key)
        if plan is not None:
            _plans.move_to_end(key)
    if plan is not None and all(
        a is b for a, b in zip(plan.nodes, info.field_nodes, strict=True)
    ):
        return plan
    store, subclasses = _work_out(qs, info, config)
    plan = _Plan(tuple(info.field_nodes), store, subclasses)
    with _lock:
        if _plans_generation[0] == generation:
            _plans[key] = plan
            while len(_plans) > MAX_PLANS:
                _plans.popitem(last=False)
    return plan


def optimize(
    qs: QuerySet | BaseManager,
    info: GraphQLResolveInfo | Info,
    *,
    config: OptimizerConfig | None = None,
    store: OptimizerStore | None = None,
) -> QuerySet:
    """strawberry-django's ``optimize``, with the plan from the memo when it can."""
    if isinstance(qs, BaseManager):
        qs = qs.all()
    if isinstance(qs, list) or is_optimized(qs) or qs._result_cache is not None:
        return qs
    raw = info._raw_info if isinstance(info, Info) else info
    config = config or OptimizerConfig()
    plan = None if store else _plan_for(qs, raw, config)
    if plan is None:
        return optimize_uncached(qs, raw, config=config, store=store)
    if not plan.store:
        return qs
    if plan.subclasses:
        qs = qs.select_subclasses(*plan.subclasses)
    qs = plan.store.apply(qs, info=raw, config=config)
    get_queryset_config(qs).optimized = True
    return qs


class PlanningOptimizerExtension(DjangoOptimizerExtension):
    """DjangoOptimizerExtension whose plans come from the memo above."""

    def resolve(self, next_: Any, root: Any, info: GraphQLResolveInfo, *args, **kwargs):
        ret = next_(root, info, *args, **kwargs)
        if not self.enabled.get():
            return ret
        if isinstance(ret, BaseManager):
            ret = ret.all()
        if isinstance(ret, QuerySet) and ret._result_cache is None:
            ret = django_fetch(optimize(ret, info, config=self._config(info)))
        return ret

    def optimize(
        self,
        qs: QuerySet | BaseManager,
        info: GraphQLResolveInfo | Info,
        *,
        store: OptimizerStore | None = None,
    ) -> QuerySet:
        if not self.enabled.get():
            return qs
        config = self._config(info)
        config.enable_nested_relations_prefetch = True  # as the extension's default
        return optimize(qs, info, config=config, store=store)

    def _config(self, info: Any) -> OptimizerConfig:
        return OptimizerConfig(
            enable_only=self.enable_only
            and info.operation.operation == OperationType.QUERY,
            enable_select_related=self.enable_select_related,
            enable_prefetch_related=self.enable_prefetch_related,
            enable_annotate=self.enable_annotate_optimization,
            prefetch_custom_queryset=self.prefetch_custom_queryset,
            enable_nested_relations_prefetch=self.enable_nested_relations_prefetch,
        )
