"""Cheaper field execution: plain attribute reads for plain scalar fields.

A list of 20 policies executes ~190 fields, most of them plain columns (title,
docNumber, publishDate). strawberry-django resolves each through its general
resolver (an ``Info`` object, descriptor checks for relations and files, queryset
hooks), and every field also passes through each extension's ``resolve`` (the
optimizer, which only acts on querysets, and the time budget): ~10 Python calls
for one ``getattr``.

``install_plain_resolvers`` gives the fields that cannot need any of that (a
strawberry-django field on a model column or property, no custom resolver, no
extension or permission, not a relation or a file, a scalar or enum type) a
resolver that reads the attribute; ``LeanMiddlewareManager`` lets those
resolvers skip the extensions' ``resolve``: the optimizer would return a scalar
unchanged, and the time budget is still checked before every other field (each
object, list and custom resolver), which is where the time goes. The answers are
the same; the schema (SDL) is untouched.

``install_direct_resolvers`` does the same for the fields that do have a resolver
(url, topics, interpretations, body without its argument, ...) but no arguments,
no field extension and no exception handler: strawberry's wrapper converts the
(absent) arguments, folds the (absent) field extensions into a chain of partials
and passes the result through two closures before calling the field's
``get_result``; the direct resolver builds the same ``Info`` and calls
``get_result`` with the same ``self``/``info``/``root`` arguments. These fields
keep the extensions' ``resolve`` (optimizer, time budget).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    get_named_type,
)
from graphql.execution.middleware import MiddlewareManager
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField
from strawberry_django.fields.base import StrawberryDjangoFieldBase

PLAIN = "_zwgk_plain_resolver"
DIRECT = "_zwgk_direct_resolver"


def plain_resolver(attribute: str) -> Callable[..., Any]:
    def resolve(source: Any, info: Any) -> Any:
        return getattr(source, attribute)

    setattr(resolve, PLAIN, True)
    resolve._is_default = True  # strawberry's mark for attribute resolvers
    return resolve


def _model_field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # a property or a method, not a field
        return None


def is_plain(field: GraphQLField) -> bool:
    """Whether ``field`` is a column or property read that needs no general resolver."""
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryDjangoFieldBase):
        return False
    if (
        definition.base_resolver is not None
        or definition.extensions
        or definition.permission_classes
        or definition.is_relation
        or field.args
    ):
        return False
    if not isinstance(get_named_type(field.type), GraphQLScalarType | GraphQLEnumType):
        return False
    name = definition.django_name or definition.python_name
    model_field = _model_field(definition.django_model, name)
    return model_field is None or not (
        model_field.is_relation or isinstance(model_field, models.FileField)
    )


def install_plain_resolvers(schema: GraphQLSchema) -> int:
    """Give every plain field of ``schema`` an attribute read; returns how many."""
    installed = 0
    for named in schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        if named in (schema.query_type, schema.mutation_type):
            continue
        for field in named.fields.values():
            if is_plain(field):
                definition = field.extensions[GraphQLCoreConverter.DEFINITION_BACKREF]
                field.resolve = plain_resolver(
                    definition.django_name or definition.python_name
                )
                installed += 1
    return installed


# What strawberry's GraphQLCoreConverter.from_resolver returns for a field with a
# resolver (the sync one); anything else (basic fields, async, connections) is kept.
_STRAWBERRY_RESOLVER = "GraphQLCoreConverter.from_resolver.<locals>._resolver"


def direct_resolver(
    definition: StrawberryField, info_class: type
) -> Callable[..., Any]:
    """``definition``'s resolver without argument conversion or extension chain."""
    base = definition.base_resolver
    pass_self = bool(base and base.self_parameter)
    source_names = tuple(
        parameter.name
        for parameter in ((base.parent_parameter, base.root_parameter) if base else ())
        if parameter
    )
    info_name = base.info_parameter.name if base and base.info_parameter else None
    get_result = definition.get_result

    def resolve(source: Any, info: Any) -> Any:
        strawberry_info = info_class(_raw_info=info, _field=definition)
        kwargs = dict.fromkeys(source_names, source)
        if info_name:
            kwargs[info_name] = strawberry_info
        return get_result(
            source,
            info=strawberry_info,
            args=[source] if pass_self else [],
            kwargs=kwargs,
        )

    resolve._is_default = base is None  # as strawberry marks it
    setattr(resolve, DIRECT, True)
    return resolve


def is_direct(field: GraphQLField, converter: GraphQLCoreConverter) -> bool:
    """Whether ``field``'s strawberry wrapper does nothing but call ``get_result``."""
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    return (
        isinstance(definition, StrawberryField)
        and getattr(field.resolve, "__qualname__", "") == _STRAWBERRY_RESOLVER
        and not field.args
        and not definition.arguments
        and not definition.extensions
        and not definition.is_async
        and not converter._get_field_exception_handlers(definition)
    )


def install_direct_resolvers(schema: Any) -> int:
    """Give every argument-less resolver field of the strawberry ``schema`` a direct call."""
    converter = schema.schema_converter
    info_class = schema.config.info_class
    core: GraphQLSchema = schema._schema
    installed = 0
    for named in core.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        if named in (core.mutation_type, core.subscription_type):
            continue
        for field in named.fields.values():
            if is_direct(field, converter):
                definition = field.extensions[GraphQLCoreConverter.DEFINITION_BACKREF]
                field.resolve = direct_resolver(definition, info_class)
                installed += 1
    return installed


class LeanMiddlewareManager(MiddlewareManager):
    """The extensions' ``resolve`` chain, except around plain attribute reads."""

    def get_field_resolver(self, field_resolver: Any) -> Any:
        if getattr(field_resolver, PLAIN, False):
            return field_resolver
        return super().get_field_resolver(field_resolver)
