"""Per-site settings (站点设置) as GraphQL types."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.content.channel import CHANNEL_ARGUMENT, Channel
from api.content.rich_text import MAX_LENGTH_ARGUMENT, render_rich_text
from api.context import Info
from cms.home.models import SiteSettings


@strawberry.type(name="Contact", description="联系方式")
class ContactType:
    phone: str
    email: str
    address: str
    office_hours: str


@strawberry.type(name="SiteSettings", description="站点设置：每个页面四周显示的内容")
class SiteSettingsType:
    site_name: str
    hostname: str
    footer_source: strawberry.Private[str]
    disclosure_notice: str = strawberry.field(description="公开属性说明")
    contact: ContactType

    @strawberry.field(description="页脚（按渠道输出的富文本）")
    def footer(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
        max_length: Annotated[
            int | None, strawberry.argument(description=MAX_LENGTH_ARGUMENT)
        ] = None,
    ) -> str:
        if not self.footer_source:
            return ""
        return render_rich_text(self.footer_source, info, channel, max_length)

    @classmethod
    def from_model(cls, settings: SiteSettings, *, hostname: str) -> SiteSettingsType:
        return cls(
            site_name=settings.site_name,
            hostname=hostname,
            footer_source=settings.footer or "",
            disclosure_notice=settings.disclosure_notice,
            contact=ContactType(
                phone=settings.contact_phone,
                email=settings.contact_email,
                address=settings.contact_address,
                office_hours=settings.office_hours,
            ),
        )
