"""待遇标准调整: current standards and timelines per scheme."""

from api.domain import Domain, Watch

from .queries import BenefitQueries
from .types import TYPES

DOMAIN = Domain(
    name="benefits",
    queries=(BenefitQueries,),
    types=TYPES,
    watches=(Watch("benefits.BenefitStandard"),),
)
