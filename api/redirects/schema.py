"""Redirects for the frontends."""

from api.domain import Domain, Watch

from .queries import RedirectQueries

DOMAIN = Domain(
    name="redirects",
    queries=(RedirectQueries,),
    watches=(Watch("wagtailredirects.Redirect"),),
)
