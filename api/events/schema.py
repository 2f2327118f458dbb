"""政府开放活动 and registrations (remaining places: cms.events.services signal)."""

from api.domain import Domain

from .mutations import EventMutations
from .queries import EventQueries
from .types import TYPES

DOMAIN = Domain(
    name="events", queries=(EventQueries,), mutations=(EventMutations,), types=TYPES
)
