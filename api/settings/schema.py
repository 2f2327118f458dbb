"""Site settings (any BaseSiteSetting is watched by its base class)."""

from api.domain import Domain, Watch

from .queries import SettingsQueries

DOMAIN = Domain(
    name="settings", queries=(SettingsQueries,), watches=(Watch("home.SiteSettings"),)
)
