"""Plain attribute reads for plain scalar fields, direct calls for argument-less resolvers
(api/execution.py)."""

from __future__ import annotations

import pytest
from graphql import GraphQLObjectType

from api.execution import DIRECT, PLAIN, LeanMiddlewareManager, plain_resolver
from api.schema import schema
from tests.factories import PolicyPageFactory


def plain_fields(type_name: str) -> set[str]:
    graphql_type = schema._schema.type_map[type_name]
    assert isinstance(graphql_type, GraphQLObjectType)
    return {
        name
        for name, field in graphql_type.fields.items()
        if getattr(field.resolve, PLAIN, False)
    }


def test_only_columns_and_properties_without_resolvers_read_plainly():
    assert plain_fields("PolicyPage") == {
        "id",
        "title",
        "seoTitle",
        "searchDescription",
        "firstPublishedAt",
        "lastPublishedAt",
        "docNumber",
        "indexNumber",
        "isNormative",
        "writtenDate",
        "publishDate",
        "effectiveDate",
        "expiryDate",
        "summary",
        "interpretationRequired",
    }
    # Relations, custom resolvers (validity, url, body with its channel argument)
    # and files keep strawberry-django's resolver and the extensions around it.
    policy = schema._schema.type_map["PolicyPage"].fields
    for name in ("topics", "validity", "url", "body", "attachments", "interpretations"):
        assert not getattr(policy[name].resolve, PLAIN, False), name
    assert plain_fields("Query") == set()


def direct_fields(type_name: str) -> set[str]:
    graphql_type = schema._schema.type_map[type_name]
    return {
        name
        for name, field in graphql_type.fields.items()
        if getattr(field.resolve, DIRECT, False)
    }


def test_argument_less_resolvers_are_called_directly():
    # Fails (instead of silently keeping strawberry's wrapper) if a strawberry
    # upgrade renames the resolver install_direct_resolvers recognises.
    policy = direct_fields("PolicyPage")
    assert {
        "url",
        "urlPath",
        "validity",
        "topics",
        "issuingOrganizations",
        "interpretations",
        "attachments",
        "breadcrumbs",
    } <= policy
    # Fields with arguments keep strawberry's conversion of them.
    assert not {"body", "children"} & policy
    assert not {"policies", "page"} & direct_fields("Query")
    assert direct_fields("Mutation") == set()

    # The extensions (optimizer, time budget) still wrap a direct resolver.
    class Passing:
        def resolve(self, next_, root, info, **kwargs):
            return next_(root, info, **kwargs)

    url = schema._schema.type_map["PolicyPage"].fields["url"].resolve
    assert LeanMiddlewareManager(Passing()).get_field_resolver(url) is not url


def test_the_extensions_wrap_every_resolver_but_plain_reads():
    calls = []

    class Recorder:
        def resolve(self, next_, root, info, **kwargs):
            calls.append(root)
            return next_(root, info, **kwargs)

    manager = LeanMiddlewareManager(Recorder())
    plain = plain_resolver("title")
    assert manager.get_field_resolver(plain) is plain

    def custom(root, info):
        return root.title.upper()

    wrapped = manager.get_field_resolver(custom)
    policy = PolicyPageFactory.build(title="关于印发的通知")
    assert plain(policy, None) == "关于印发的通知"
    assert wrapped(policy, None) == "关于印发的通知"
    assert calls == [policy]


@pytest.mark.django_db
def test_plain_fields_answer_as_before(graphql, site_tree, bureau):
    policy = PolicyPageFactory(
        parent=site_tree.policies,
        title="关于调整最低工资标准的通知",
        doc_number="闵人社规〔2025〕2号",
        summary="摘要",
        issuers=[bureau],
    )
    result = graphql(
        """query ($id: ID!) { page(id: $id) { id title ... on PolicyPage {
        docNumber indexNumber isNormative writtenDate publishDate effectiveDate
        expiryDate summary interpretationRequired } } }""",
        {"id": str(policy.pk)},
    )
    policy.refresh_from_db()

    def iso(day):
        return day.isoformat() if day else None

    assert result == {
        "data": {
            "page": {
                "id": str(policy.pk),
                "title": "关于调整最低工资标准的通知",
                "docNumber": "闵人社规〔2025〕2号",
                "indexNumber": policy.index_number,
                "isNormative": policy.is_normative,
                "writtenDate": policy.written_date.isoformat(),
                "publishDate": policy.publish_date.isoformat(),
                "effectiveDate": iso(policy.effective_date),
                "expiryDate": iso(policy.expiry_date),
                "summary": "摘要",
                "interpretationRequired": policy.interpretation_required,
            }
        }
    }
    assert policy.index_number  # generated on save


def test_strawberry_builds_the_middleware_through_the_schemas_hook(monkeypatch):
    # api/schema.py overrides a private strawberry hook: this fails if it is no
    # longer called (after a strawberry upgrade), instead of silently wrapping all.
    built = []

    class Recording(LeanMiddlewareManager):
        def __init__(self, *middlewares):
            built.append(middlewares)
            super().__init__(*middlewares)

    monkeypatch.setattr("api.schema.LeanMiddlewareManager", Recording)
    result = schema.execute_sync("{ __typename }")
    assert result.errors is None and result.data == {"__typename": "Query"}
    assert len(built) == 1
