"""政务公开标准目录: the catalog and how each item is fulfilled on the website."""

from api.domain import Domain, Watch

from .queries import CatalogQueries
from .types import TYPES

DOMAIN = Domain(
    name="catalog",
    queries=(CatalogQueries,),
    types=TYPES,
    # Only listed items appear; a binding decides the status shown. The content
    # bound (pages, published Q&As) is watched by its own domain.
    watches=(
        Watch("catalog.CatalogItem", public_when={"is_listed": frozenset({True})}),
        Watch("catalog.CatalogBinding"),
    ),
)
