"""就业创业政策清单: structured items with machine-checkable conditions."""

from api.domain import Domain, Watch

from .queries import PolicyListQueries
from .types import TYPES

DOMAIN = Domain(
    name="policylist",
    queries=(PolicyListQueries,),
    types=TYPES,
    # Items are public when published and their policy is (a page: watched by base);
    # policyListUpdatedAt also reads the list's recorded last change.
    watches=(
        Watch(
            "policylist.PolicyListItem", public_when={"published": frozenset({True})}
        ),
        Watch("policylist.ItemCondition"),
        Watch("policylist.PolicyListChange"),
    ),
)
