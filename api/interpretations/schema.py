"""政策解读."""

from api.domain import Domain

from .queries import InterpretationQueries
from .types import TYPES

DOMAIN = Domain(name="interpretations", queries=(InterpretationQueries,), types=TYPES)
