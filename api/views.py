"""The /graphql/ endpoint."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from strawberry.django.views import GraphQLView as BaseGraphQLView

from .context import Context


class GraphQLView(BaseGraphQLView):
    allow_queries_via_get = True

    def get_context(self, request: HttpRequest, response: HttpResponse) -> Context:
        return Context(request=request, response=response)
