"""The GraphQL schema: the root types merged from the declared domains, and extensions."""

from __future__ import annotations

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from api.domains import DOMAINS
from api.execution import (
    LeanMiddlewareManager,
    install_direct_resolvers,
    install_plain_resolvers,
)
from api.inputs import ControlCharacterRule
from api.limits import (
    GENERIC_ERROR_MESSAGE,
    TimeBudget,
    alias_limit_rule,
    cost_limit_rule,
    depth_limit_rule,
    pagination_limiter,
    should_mask_error,
)
from api.optimizer import PlanningOptimizerExtension
from api.unavailable import ServiceUnavailable

MAX_DEPTH = 12
MAX_TOKENS = 5000
MAX_ALIASES = 30
MAX_PAGE_SIZE = 100
# Fields a query selects with its fragments expanded. The introspection query
# GraphiQL and codegen send is 220, the persisted frontend queries at most 22.
MAX_COST = 2000
# Built once: the validation cache keys on the rule classes, so per-request classes
# (what strawberry's QueryDepthLimiter and MaxAliasesLimiter build) never hit it.
LIMIT_RULES = [
    depth_limit_rule(MAX_DEPTH),
    alias_limit_rule(MAX_ALIASES),
    cost_limit_rule(MAX_COST),
    ControlCharacterRule,
]

# Each domain declares its part (api/<domain>/schema.py); api/domains.py lists them.
Query = merge_types("Query", tuple(q for d in DOMAINS for q in d.queries))
Mutation = merge_types("Mutation", tuple(m for d in DOMAINS for m in d.mutations))
# Every concrete type behind an interface or union is listed explicitly.
TYPES = tuple(t for d in DOMAINS for t in d.types)


class Schema(strawberry.Schema):
    def _get_middleware_manager(self, extensions):  # strawberry 0.341's hook
        # Plain attribute reads skip the extensions' resolve (api/execution.py).
        return LeanMiddlewareManager(
            *(ext for ext in extensions if ext._implements_resolve())
        )


schema = Schema(
    query=Query,
    mutation=Mutation,
    types=TYPES,
    config=StrawberryConfig(relay_max_results=MAX_PAGE_SIZE),
    # Factories, so each request gets fresh extension instances; the parser and
    # validation caches are shared module-level LRU caches inside strawberry.
    extensions=[
        # strawberry-django's optimizer, its plans reused (api/optimizer.py).
        PlanningOptimizerExtension,
        TimeBudget,
        lambda: MaskErrors(should_mask_error, GENERIC_ERROR_MESSAGE),
        # A dropped database connection: 503 and a retryable error, not masked.
        ServiceUnavailable,
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: AddValidationRules(LIMIT_RULES),
        pagination_limiter(MAX_PAGE_SIZE),
    ],
)
install_plain_resolvers(schema._schema)
install_direct_resolvers(schema)
