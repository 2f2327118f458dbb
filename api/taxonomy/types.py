"""Organizations, topics, audiences and service items as GraphQL types."""

from __future__ import annotations

import strawberry
import strawberry_django

from cms.taxonomy.models import (
    Audience,
    AudienceKind,
    Organization,
    OrganizationLevel,
    ServiceItem,
    Topic,
)

OrganizationLevelEnum = strawberry.enum(OrganizationLevel, name="OrganizationLevel")
AudienceKindEnum = strawberry.enum(AudienceKind, name="AudienceKind")


@strawberry_django.type(Organization, name="Organization")
class OrganizationType:
    id: strawberry.ID
    name: str
    short_name: str
    credit_code: str
    level: OrganizationLevelEnum
    parent: OrganizationType | None


@strawberry_django.type(Topic, name="Topic")
class TopicType:
    id: strawberry.ID
    name: str
    slug: str
    description: str
    parent: TopicType | None
    children: list[TopicType]


@strawberry_django.type(Audience, name="Audience")
class AudienceType:
    id: strawberry.ID
    name: str
    slug: str
    kind: AudienceKindEnum
    description: str


@strawberry_django.type(ServiceItem, name="ServiceItem")
class ServiceItemType:
    id: strawberry.ID
    name: str
    code: str | None
    web_url: str
    miniprogram_appid: str
    miniprogram_path: str
    organization: OrganizationType | None
    description: str
