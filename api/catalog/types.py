"""政务公开标准目录 as GraphQL types, for the website's 政务公开 column."""

from __future__ import annotations

import datetime

import strawberry

from cms.catalog.choices import Area, Channel, TimeLimitKind
from cms.catalog.models import CatalogItem
from cms.catalog.status import ItemStatus

DisclosureCatalogAreaEnum = strawberry.enum(
    Area, name="DisclosureCatalogArea", description="标准目录的领域"
)
DisclosureChannelEnum = strawberry.enum(
    Channel, name="DisclosureChannel", description="公开渠道和载体"
)
TimeLimitKindEnum = strawberry.enum(
    TimeLimitKind, name="DisclosureTimeLimitKind", description="公开时限的起算方式"
)


@strawberry.type(name="DisclosureTimeLimit", description="公开时限")
class TimeLimitType:
    kind: TimeLimitKindEnum
    working_days: int | None = strawberry.field(description="工作日数；长期公开为空")
    text: str = strawberry.field(description="如“信息形成或变更之日起20个工作日内公开”")


@strawberry.type(
    name="DisclosureCatalogItem",
    description="政务公开标准目录的一个事项及其在网站上的落实情况。",
)
class CatalogItemType:
    id: strawberry.ID
    area: DisclosureCatalogAreaEnum
    sequence: int = strawberry.field(description="序号")
    is_local: bool = strawberry.field(
        description="是否本局补充的事项（否则为标准指引事项）"
    )
    level1: str = strawberry.field(description="一级事项")
    level2: str = strawberry.field(description="二级事项")
    level3: str | None = strawberry.field(description="三级事项")
    elements: list[str] = strawberry.field(description="公开内容（要素）")
    basis: list[str] = strawberry.field(description="公开依据")
    time_limit: TimeLimitType = strawberry.field(description="公开时限")
    subject: str = strawberry.field(description="公开主体")
    channels: list[DisclosureChannelEnum] = strawberry.field(
        description="公开渠道和载体"
    )
    for_public: bool = strawberry.field(description="公开对象：全社会")
    for_specific_groups: bool = strawberry.field(description="公开对象：特定群体")
    proactive: bool = strawberry.field(description="公开方式：主动公开")
    on_application: bool = strawberry.field(description="公开方式：依申请公开")
    district_level: bool = strawberry.field(description="公开层级：区级")
    town_level: bool = strawberry.field(description="公开层级：街镇级")
    department: str | None = strawberry.field(description="责任科室")
    has_content: bool = strawberry.field(description="网站上是否已有对应的公开内容")
    content_count: int = strawberry.field(description="对应的公开内容条数")
    last_updated: datetime.datetime | None = strawberry.field(
        description="对应内容最近一次发布的时间"
    )
    url_path: str | None = strawberry.field(description="对应栏目的站点内路径")

    @classmethod
    def build(
        cls, item: CatalogItem, status: ItemStatus, url_path: str | None
    ) -> CatalogItemType:
        return cls(
            id=strawberry.ID(str(item.pk)),
            area=Area(item.area),
            sequence=item.sequence,
            is_local=item.source == "local",
            level1=item.level1,
            level2=item.level2,
            level3=item.level3 or None,
            elements=item.element_list,
            basis=[line.strip() for line in item.basis.splitlines() if line.strip()],
            time_limit=TimeLimitType(
                kind=TimeLimitKind(item.time_limit_kind),
                working_days=item.time_limit_days,
                text=item.time_limit_text,
            ),
            subject=item.subject,
            channels=[
                Channel(value) for value in item.channels if value in Channel.values
            ],
            for_public=item.for_public,
            for_specific_groups=item.for_specific_groups,
            proactive=item.proactive,
            on_application=item.on_application,
            district_level=item.level_district,
            town_level=item.level_town,
            department=item.department.name if item.department_id else None,
            has_content=status.has_content,
            content_count=status.content_count,
            last_updated=status.last_updated,
            url_path=url_path,
        )


TYPES = ()
