"""Serialize an unsaved draft exactly as the public API would, for the admin's preview.

Wagtail's preview hands ``serve_preview`` the page being edited, in memory, with the
editor's unsaved changes. ``serialize_preview`` runs it through the same GraphQL types
the frontends query (``api.schema.TYPES``), with one root field that returns that
object, and a query generated from the schema that selects every field of the
page's type for one channel. What the preview shows is therefore what a frontend
would receive, field for field.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import strawberry
from django.http import HttpRequest, HttpResponse
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
)
from strawberry.schema.config import StrawberryConfig
from wagtail.models import Page

from .context import Context, Info
from .pages.types import PageInterface
from .schema import MAX_PAGE_SIZE, TYPES

logger = logging.getLogger(__name__)

# Navigation is not content: the preview shows the page itself.
SKIPPED_FIELDS = frozenset({"parent", "children", "breadcrumbs"})
# Nested pages (amends, interpretations, ...) are shown as links, not in full.
LINKED_PAGE_FIELDS = ("__typename", "id", "title", "urlPath", "url")
MAX_DEPTH = 5
IMAGE_PRESET = "CONTENT"
# Inside union members, fields are aliased "<field>__<Type>" (see _selection).
ALIAS_SEPARATOR = "__"


@dataclass
class PreviewContext(Context):
    """The request's context, plus the in-memory page the editor is previewing."""

    preview_page: Page | None = field(default=None, kw_only=True)


@strawberry.type
class PreviewQuery:
    @strawberry.field(description="后台预览中的页面（编辑器里尚未保存的内容）")
    def preview_page(self, info: Info) -> PageInterface | None:
        info.context.private = True
        return info.context.preview_page


preview_schema = strawberry.Schema(
    query=PreviewQuery,
    types=TYPES,
    config=StrawberryConfig(relay_max_results=MAX_PAGE_SIZE),
)


@dataclass(frozen=True)
class PreviewResult:
    data: dict[str, Any] | None
    errors: list[str]
    # For every "Type.field": its description, the label the preview shows.
    labels: dict[str, str]


def _arguments(definition: GraphQLField) -> str | None:
    """The argument list for a field, or None if it cannot be selected generically."""
    parts = []
    for name, argument in definition.args.items():
        arg_type = get_named_type(argument.type)
        if name == "channel":
            parts.append("channel: $channel")
        elif arg_type.name == "ImagePreset":
            parts.append(f"{name}: {IMAGE_PRESET}")
        elif isinstance(argument.type, GraphQLNonNull) and (
            argument.default_value is None
        ):
            return None
    return f"({', '.join(parts)})" if parts else ""


def _is_page(named: GraphQLNamedType, schema: GraphQLSchema) -> bool:
    page = schema.get_type("Page")
    if named is page:
        return True
    return isinstance(named, GraphQLObjectType) and page in named.interfaces


def _selection(
    named: GraphQLNamedType, schema: GraphQLSchema, depth: int, alias: bool = False
) -> str:
    if isinstance(named, GraphQLUnionType | GraphQLInterfaceType):
        if depth > 0 and _is_page(named, schema):
            return "{ " + " ".join(LINKED_PAGE_FIELDS) + " }"
        # Fields of different members may share a name but not a type (value: String
        # here, value: [Item] there), which one selection cannot merge: aliased.
        fragments = [
            f"... on {member.name} {_selection(member, schema, depth, alias=True)}"
            for member in schema.get_possible_types(named)
        ]
        return "{ __typename " + " ".join(fragments) + " }"
    if not isinstance(named, GraphQLObjectType):
        return ""
    if depth > 0 and _is_page(named, schema):
        return "{ " + " ".join(LINKED_PAGE_FIELDS) + " }"
    if depth >= MAX_DEPTH:
        return "{ __typename }"
    selected = ["__typename"]
    for name, definition in named.fields.items():
        if name in SKIPPED_FIELDS:
            continue
        arguments = _arguments(definition)
        if arguments is None:
            continue
        target = get_named_type(definition.type)
        if isinstance(
            target, GraphQLObjectType | GraphQLUnionType | GraphQLInterfaceType
        ):
            nested = _selection(target, schema, depth + 1)
            if nested:
                selected.append(f"{name}{arguments} {nested}")
        else:
            selected.append(f"{name}{arguments}")
    return "{ " + " ".join(selected) + " }"


@cache
def preview_document(type_name: str) -> str:
    """A query selecting every field of one page type (built once per process)."""
    schema = preview_schema._schema
    named = schema.get_type(type_name)
    if not isinstance(named, GraphQLObjectType) or not _is_page(named, schema):
        named = schema.get_type("Page")
    selection = _selection(named, schema, 0)
    # GraphQL refuses a declared variable no field uses (a page without rich text).
    variables = "($channel: Channel)" if "$channel" in selection else ""
    return (
        f"query Preview{variables} {{ previewPage "
        f"{{ ... on {named.name} {selection} }} }}"
    )


@cache
def field_labels() -> dict[str, str]:
    labels = {}
    for type_ in preview_schema._schema.type_map.values():
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for name, definition in type_.fields.items():
                if definition.description:
                    labels[f"{type_.name}.{name}"] = definition.description
    return labels


def serialize_preview(
    *, request: HttpRequest, page: Page, channel: str
) -> PreviewResult:
    """The API's serialization of ``page`` (unsaved) for ``channel`` (WEB, MINIPROGRAM)."""
    context = PreviewContext(
        request=request, response=HttpResponse(), preview_page=page
    )
    context.use_site(None)
    document = preview_document(type(page).__name__)
    result = preview_schema.execute_sync(
        document,
        variable_values={"channel": channel} if "$channel" in document else None,
        context_value=context,
    )
    errors = []
    for error in result.errors or ():
        logger.warning("Preview serialization error at %s: %s", error.path, error)
        path = ".".join(str(part) for part in error.path or ())
        errors.append(f"{path}：{error.message}" if path else error.message)
    data = (result.data or {}).get("previewPage")
    return PreviewResult(data=data, errors=errors, labels=field_labels())
