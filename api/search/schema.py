"""Full-text search over the public content (what it returns is watched elsewhere)."""

from api.domain import Domain

from .queries import SearchQueries

DOMAIN = Domain(name="search", queries=(SearchQueries,))
