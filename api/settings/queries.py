"""siteSettings(site:): what a frontend shows around every page of a site."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.context import Info
from cms.home.models import SiteSettings

from .types import SiteSettingsType


@strawberry.type
class SettingsQueries:
    @strawberry.field(description="站点设置；不指定 site 时为当前请求的站点。")
    def site_settings(
        self,
        info: Info,
        site: Annotated[
            str | None, strawberry.argument(description="站点主机名，可带端口")
        ] = None,
    ) -> SiteSettingsType | None:
        site_obj = info.context.use_site(site)
        if site_obj is None:
            return None
        # A site nobody has configured yet shows the defaults; reading never writes.
        settings = SiteSettings.objects.filter(site=site_obj).first() or SiteSettings(
            site=site_obj
        )
        hostname = (
            site_obj.hostname
            if site_obj.port in (80, 443)
            else f"{site_obj.hostname}:{site_obj.port}"
        )
        return SiteSettingsType.from_model(settings, hostname=hostname)
