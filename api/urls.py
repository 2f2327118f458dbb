"""The GraphQL endpoints: /graphql/ for the website, /graphql/mp/ for the mini-program.

The mini-program endpoint only runs allow-listed persisted queries; put it behind the
gateway the mini-program uses so the restriction does not depend on a client header.
"""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .schema import schema
from .views import GraphQLView

# JSON-only POSTs (415 otherwise) keep cross-site form posts out, hence csrf_exempt.
urlpatterns = [
    path("", csrf_exempt(GraphQLView.as_view(schema=schema)), name="graphql"),
    path(
        "mp/",
        csrf_exempt(GraphQLView.as_view(schema=schema, persisted_queries_only=True)),
        name="graphql-mp",
    ),
]
