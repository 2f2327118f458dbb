"""Organizations, topics, audiences and 一网通办 service items."""

from api.domain import Domain, Watch

from .queries import TaxonomyQueries

DOMAIN = Domain(
    name="taxonomy",
    queries=(TaxonomyQueries,),
    watches=(
        Watch("taxonomy.Organization"),
        Watch("taxonomy.Topic"),
        Watch("taxonomy.Audience"),
        Watch("taxonomy.ServiceItem"),
    ),
)
