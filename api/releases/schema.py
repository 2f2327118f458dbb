"""集成式发布, with its shared FAQ snippets."""

from api.domain import Domain, Watch

from .queries import ReleaseQueries
from .types import TYPES

DOMAIN = Domain(
    name="releases",
    queries=(ReleaseQueries,),
    types=TYPES,
    watches=(Watch("releases.FAQ"),),
)
