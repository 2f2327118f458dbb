"""The project's URLs plus two endpoints only the transport tests need.

``/graphql/probe/`` serves a tiny schema (a mutation, a private field, failing
fields) through the real view; ``/graphql/mp/`` is the mini-program's allow-list
endpoint as cms/urls.py would mount it.
"""

from __future__ import annotations

import time

import strawberry
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from graphql import GraphQLError

from api.context import Info
from api.schema import schema
from api.views import GraphQLView

SECRET_SQL = 'relation "auth_user" does not exist: SELECT password FROM auth_user'
SLOW_SECONDS = 0.6


@strawberry.type
class ProbeQuery:
    @strawberry.field
    def hello(self) -> str:
        return "你好"

    @strawberry.field
    def draft(self, info: Info) -> str:
        info.context.private = True
        return "草稿"

    @strawberry.field
    def boom(self) -> str | None:
        raise RuntimeError(SECRET_SQL)

    @strawberry.field
    def slow(self) -> str | None:
        time.sleep(SLOW_SECONDS)
        return "慢"

    @strawberry.field
    def refused(self) -> str | None:
        raise GraphQLError("该页面不存在或未公开。")


@strawberry.type
class ProbeMutation:
    @strawberry.mutation
    def touch(self) -> bool:
        return True


probe_schema = strawberry.Schema(
    query=ProbeQuery, mutation=ProbeMutation, extensions=schema.extensions
)

urlpatterns = [
    path("graphql/probe/", csrf_exempt(GraphQLView.as_view(schema=probe_schema))),
    path(
        "graphql/mp/",
        csrf_exempt(GraphQLView.as_view(schema=schema, persisted_queries_only=True)),
    ),
    path("", include("cms.urls")),
]
