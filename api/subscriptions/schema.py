"""政策找人: subscriptions to policies and the subscriber's own data."""

from api.domain import Domain

from .mutations import SubscriptionMutations
from .queries import SubscriptionQueries
from .types import TYPES

DOMAIN = Domain(
    name="subscriptions",
    queries=(SubscriptionQueries,),
    mutations=(SubscriptionMutations,),
    types=TYPES,
)
