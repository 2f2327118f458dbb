"""Government open activities (政府开放活动) as GraphQL types."""

from __future__ import annotations

import datetime
import enum
from typing import Annotated

import strawberry
import strawberry_django

from api.content.channel import CHANNEL_ARGUMENT, Channel
from api.content.rich_text import MAX_LENGTH_ARGUMENT, render_rich_text
from api.context import Info
from api.pages.types import PageInterface
from api.taxonomy.types import AudienceType, OrganizationType
from cms.events.models import EventStatus, OpenEventPage, VenueType
from cms.events.registrations import RegistrationStatus, people_with_status
from cms.events.services import remaining_places

VenueTypeEnum = strawberry.enum(VenueType, name="VenueType", description="场所类型")
EventStatusEnum = strawberry.enum(
    EventStatus, name="EventStatus", description="活动状态，按当前时间计算"
)

_STATUS_FIELDS = [
    "is_cancelled",
    "start_at",
    "end_at",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
]


@strawberry.enum(name="EventOrder", description="活动列表排序")
class EventOrder(enum.Enum):
    START_AT_DESC = "desc"
    START_AT_ASC = "asc"


@strawberry.input(name="EventFilter", description="活动列表筛选条件，各条件同时满足。")
class EventFilterInput:
    upcoming: bool | None = strawberry.field(
        default=None, description="true：尚未结束的活动（含进行中）；false：已结束的"
    )
    past: bool | None = strawberry.field(
        default=None, description="true：已结束的活动；false：尚未结束的"
    )
    series: str | None = strawberry.field(
        default=None, description="活动系列，例如 2025 政府开放月"
    )
    venue_type: list[VenueTypeEnum] | None = None


@strawberry_django.type(OpenEventPage, name="OpenEventPage", description="政府开放活动")
class OpenEventPageType(PageInterface):
    series: str = strawberry_django.field(description="活动系列")
    theme: str = strawberry_django.field(description="活动主题")
    venue_type: VenueTypeEnum
    venue_name: str
    address: str
    start_at: datetime.datetime
    end_at: datetime.datetime
    capacity: int = strawberry_django.field(description="名额；0 表示无需报名")
    registration_opens_at: datetime.datetime | None
    registration_closes_at: datetime.datetime | None = strawberry_django.field(
        description="报名截止；为空时报名至活动开始"
    )
    max_people_per_registration: int
    audiences: list[AudienceType]
    audience_note: str
    organizer: OrganizationType | None = strawberry_django.field(description="承办单位")
    summary: str
    is_cancelled: bool

    @strawberry_django.field(only=["capacity"], description="是否需要报名")
    def requires_registration(self) -> bool:
        return self.requires_registration

    @strawberry_django.field(only=_STATUS_FIELDS)
    def status(self) -> EventStatusEnum:
        return EventStatus(self.status)

    @strawberry_django.field(only=_STATUS_FIELDS, description="当前可以报名")
    def registration_is_open(self) -> bool:
        return self.registration_is_open()

    @strawberry_django.field(
        only=["capacity"],
        annotate={"confirmed_people": people_with_status(RegistrationStatus.CONFIRMED)},
        description="剩余名额（人数）；无需报名的活动为 null。以报名结果为准。",
    )
    def remaining_places(self) -> int | None:
        if not self.capacity:
            return None
        confirmed = getattr(self, "confirmed_people", None)
        if confirmed is None:  # fetched without the optimizer's annotation
            return remaining_places(self)
        return max(0, self.capacity - confirmed)

    @strawberry_django.field(only=["description"], description="活动介绍")
    def description(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
        max_length: Annotated[
            int | None, strawberry.argument(description=MAX_LENGTH_ARGUMENT)
        ] = None,
    ) -> str:
        return render_rich_text(self.description, info, channel, max_length)


TYPES = (OpenEventPageType,)
