"""财政信息: 部门预算, 部门决算 and 绩效评价 with their figures and tables."""

from api.domain import Domain, Watch

from .queries import FiscalQueries
from .types import TYPES

DOMAIN = Domain(
    name="fiscal",
    queries=(FiscalQueries,),
    types=TYPES,
    watches=(
        Watch("fiscal.FiscalDisclosure", public_when={"published": frozenset({True})}),
        Watch("fiscal.FiscalFigure"),
        Watch("fiscal.FiscalAttachment"),
    ),
)
