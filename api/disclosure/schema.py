"""依申请公开: applications and the applicant's own progress (never cached)."""

from api.domain import Domain

from .mutations import DisclosureMutations
from .queries import DisclosureQueries

DOMAIN = Domain(
    name="disclosure", queries=(DisclosureQueries,), mutations=(DisclosureMutations,)
)
