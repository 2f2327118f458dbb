"""Guards for the domains' declarations (api/<domain>/schema.py, api/domains.py)."""

from __future__ import annotations

from wagtail.models import Page, get_page_models

from api import cache
from api.domains import DOMAINS
from api.schema import schema


def _django_models_in_schema() -> dict[type, str]:
    """{model: GraphQL type name} for every strawberry-django type in the schema."""
    found = {}
    for name, definition in schema.schema_converter.type_map.items():
        origin = getattr(definition.definition, "origin", None)
        django = getattr(origin, "__strawberry_django_definition__", None)
        if django is not None and django.model is not None:
            found[django.model] = name
    return found


def test_every_page_type_has_an_api_type():
    exposed = set(_django_models_in_schema())
    missing = [
        m.__name__ for m in get_page_models() if m is not Page and m not in exposed
    ]
    assert missing == [], f"page types without an API type: {missing}"


def test_every_model_the_api_exposes_is_watched_by_the_cache():
    unwatched = sorted(
        name
        for model, name in _django_models_in_schema().items()
        if not issubclass(model, Page) and not cache.is_watched(model)
    )
    assert unwatched == [], f"declare a Watch in the domain's schema.py: {unwatched}"


def test_every_declared_watch_names_an_installed_model():
    from django.apps import apps

    for domain in DOMAINS:
        for watch in domain.watches:
            model = apps.get_model(watch.model)
            for field in watch.public_when or {}:
                model._meta.get_field(field)


def test_the_schema_is_built_from_the_declared_domains():
    names = [domain.name for domain in DOMAINS]
    assert len(names) == len(set(names))
    graphql_schema = schema._schema
    convert = schema.config.name_converter.from_field
    for domain in DOMAINS:
        for roots, built in (
            (domain.queries, graphql_schema.query_type),
            (domain.mutations, graphql_schema.mutation_type),
        ):
            for root in roots:
                for field in root.__strawberry_definition__.fields:
                    assert convert(field) in built.fields, (domain.name, field.name)
        for type_ in domain.types:
            assert graphql_schema.get_type(type_.__strawberry_definition__.name)
