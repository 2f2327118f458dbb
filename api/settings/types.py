"""Per-site settings (站点设置) as GraphQL types."""

from __future__ import annotations

import strawberry
from wagtail.rich_text import expand_db_html

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
    footer: str = strawberry.field(description="页脚（HTML，站内链接已展开为地址）")
    disclosure_notice: str = strawberry.field(description="公开属性说明")
    contact: ContactType

    @classmethod
    def from_model(cls, settings: SiteSettings, *, hostname: str) -> SiteSettingsType:
        return cls(
            site_name=settings.site_name,
            hostname=hostname,
            footer=expand_db_html(settings.footer) if settings.footer else "",
            disclosure_notice=settings.disclosure_notice,
            contact=ContactType(
                phone=settings.contact_phone,
                email=settings.contact_email,
                address=settings.contact_address,
                office_hours=settings.office_hours,
            ),
        )
