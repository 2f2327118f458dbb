"""The GraphQL schema: the root Query merged from the domains, and its extensions."""

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
from strawberry_django.optimizer import DjangoOptimizerExtension

from api.consultations.decisions import TYPES as DECISION_TYPES
from api.consultations.mutations import ConsultationMutations
from api.consultations.queries import ConsultationQueries
from api.consultations.types import TYPES as CONSULTATION_TYPES
from api.disclosure.mutations import DisclosureMutations
from api.disclosure.queries import DisclosureQueries
from api.events.mutations import EventMutations
from api.events.queries import EventQueries
from api.events.types import TYPES as EVENT_TYPES
from api.inputs import ControlCharacterRule
from api.interpretations.queries import InterpretationQueries
from api.interpretations.types import TYPES as INTERPRETATION_TYPES
from api.limits import (
    GENERIC_ERROR_MESSAGE,
    TimeBudget,
    alias_limit_rule,
    cost_limit_rule,
    depth_limit_rule,
    pagination_limiter,
    should_mask_error,
)
from api.pages.queries import PageQueries
from api.pages.types import TYPES as PAGE_TYPES
from api.policies.queries import PolicyQueries
from api.policies.types import TYPES as POLICY_TYPES
from api.questions.mutations import QuestionMutations
from api.questions.queries import QuestionQueries
from api.questions.types import TYPES as QUESTION_TYPES
from api.redirects.queries import RedirectQueries
from api.releases.queries import ReleaseQueries
from api.releases.types import TYPES as RELEASE_TYPES
from api.search.queries import SearchQueries
from api.settings.queries import SettingsQueries
from api.taxonomy.queries import TaxonomyQueries
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

Query = merge_types(
    "Query",
    (
        PageQueries,
        PolicyQueries,
        InterpretationQueries,
        ReleaseQueries,
        EventQueries,
        TaxonomyQueries,
        SettingsQueries,
        RedirectQueries,
        DisclosureQueries,
        QuestionQueries,
        SearchQueries,
        ConsultationQueries,
    ),
)

# Public submissions. Each domain adds its mutation class here.
MUTATIONS: tuple[type, ...] = (
    DisclosureMutations,
    QuestionMutations,
    EventMutations,
    ConsultationMutations,
)
Mutation = merge_types("Mutation", MUTATIONS)

# Every concrete type behind an interface or union is listed explicitly.
TYPES = (
    *PAGE_TYPES,
    *POLICY_TYPES,
    *INTERPRETATION_TYPES,
    *RELEASE_TYPES,
    *EVENT_TYPES,
    *QUESTION_TYPES,
    *CONSULTATION_TYPES,
    *DECISION_TYPES,
)

schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    types=TYPES,
    config=StrawberryConfig(relay_max_results=MAX_PAGE_SIZE),
    # Factories, so each request gets fresh extension instances; the parser and
    # validation caches are shared module-level LRU caches inside strawberry.
    extensions=[
        DjangoOptimizerExtension,
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
