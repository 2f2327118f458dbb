"""Pages: the page interface, the tree, previews; sites and view restrictions."""

from api.domain import Domain, Watch

from .queries import PageQueries
from .types import TYPES

DOMAIN = Domain(
    name="pages",
    queries=(PageQueries,),
    types=TYPES,
    watches=(
        Watch("wagtailcore.Site"),
        Watch("wagtailcore.PageViewRestriction"),
        Watch("wagtailcore.CollectionViewRestriction"),
        # 定期清理's 归档: an archived page leaves every list and the search.
        Watch("cleanup.ArchivedPage"),
    ),
)
