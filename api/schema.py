"""The GraphQL schema: the root Query merged from the domains, and its extensions."""

from __future__ import annotations

import strawberry
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry_django.optimizer import DjangoOptimizerExtension

from api.pages.queries import PageQueries
from api.pages.types import TYPES as PAGE_TYPES
from api.policies.queries import PolicyQueries
from api.policies.types import TYPES as POLICY_TYPES

MAX_DEPTH = 12
MAX_TOKENS = 5000
MAX_ALIASES = 30
MAX_PAGE_SIZE = 100

Query = merge_types("Query", (PageQueries, PolicyQueries))

# Every concrete type behind an interface or union is listed explicitly.
TYPES = (*PAGE_TYPES, *POLICY_TYPES)

schema = strawberry.Schema(
    query=Query,
    types=TYPES,
    config=StrawberryConfig(relay_max_results=MAX_PAGE_SIZE),
    # Factories, so each request gets fresh extension instances; the parser and
    # validation caches are shared module-level LRU caches inside strawberry.
    extensions=[
        DjangoOptimizerExtension,
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    ],
)
