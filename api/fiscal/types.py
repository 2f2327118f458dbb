"""财政信息 as GraphQL types: a disclosure with its key figures and its tables."""

from __future__ import annotations

import datetime
import decimal

import strawberry
import strawberry_django

from api.content.channel import Channel
from api.content.context import content_context
from api.content.documents import DocumentType
from api.context import Info
from api.taxonomy.types import OrganizationType
from cms.fiscal.models import FiscalDisclosure, FiscalFigure, Kind

FiscalKindEnum = strawberry.enum(Kind, name="FiscalKind", description="财政信息类别")


@strawberry_django.type(FiscalFigure, name="FiscalFigure", description="主要数据")
class FiscalFigureType:
    name: str = strawberry_django.field(description="项目，如 收入合计、三公经费")
    amount: decimal.Decimal = strawberry_django.field(description="金额")
    unit: str = strawberry_django.field(description="单位，如 万元")


@strawberry.type(name="FiscalAttachment", description="财政信息附件（表格）")
class FiscalAttachmentType:
    id: strawberry.ID
    title: str = strawberry.field(description="显示名称：未填写时为文件标题")
    document: DocumentType


@strawberry_django.type(
    FiscalDisclosure,
    name="FiscalDisclosure",
    description="一项财政信息（部门预算、部门决算、绩效自评、重点项目绩效评价）",
)
class FiscalDisclosureType:
    id: strawberry.ID
    kind: FiscalKindEnum
    year: int = strawberry_django.field(description="年度")
    title: str = strawberry_django.field(description="标题")
    approval_date: datetime.date = strawberry_django.field(description="批复日期")
    due_date: datetime.date = strawberry_django.field(
        description="公开期限：批复后二十日（预算法第十四条）"
    )
    disclosed_on: datetime.date = strawberry_django.field(description="公开日期")
    department: OrganizationType | None = strawberry_django.field(
        description="责任科室"
    )

    @strawberry_django.field(description="主要数据，按顺序")
    def figures(self) -> list[FiscalFigureType]:
        return list(self.figures.all())

    @strawberry_django.field(
        description="附件（PDF、Excel 等表格），按顺序；受限的文件不列出"
    )
    def attachments(self, info: Info) -> list[FiscalAttachmentType]:
        context = content_context(info, Channel.WEB)
        attachments = []
        for row in self.attachments.all():
            document = DocumentType.from_document(row.document, context)
            if document is not None:
                attachments.append(
                    FiscalAttachmentType(
                        id=strawberry.ID(str(row.pk)),
                        title=row.title or document.title,
                        document=document,
                    )
                )
        return attachments


TYPES = (FiscalDisclosureType, FiscalFigureType, FiscalAttachmentType)
