"""政策文件: the policy library (attachments travel with the page's revisions)."""

from api.domain import Domain

from .queries import PolicyQueries
from .types import TYPES

DOMAIN = Domain(name="policies", queries=(PolicyQueries,), types=TYPES)
