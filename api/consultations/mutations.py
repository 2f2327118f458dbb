"""submitConsultationComment: the public comments on a draft while it is open."""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Union

import strawberry
from django.core.exceptions import ValidationError

from api.arguments import object_id
from api.context import Info
from api.participation.guard import HONEYPOT_DESCRIPTION, guard_submission
from api.participation.types import ValidationErrors
from cms.consultations.models import ConsultationStatus
from cms.consultations.services import ConsultationNotOpen, comment_submit

from .types import CommenterTypeEnum, EnterpriseSizeEnum, IndustryEnum


@strawberry.input(
    name="ConsultationCommentInput",
    description="对征求意见草案提交的意见。企业须填写所属行业和企业规模。",
)
class ConsultationCommentInput:
    consultation_id: strawberry.ID = strawberry.field(description="征求意见页面的 ID")
    commenter_type: CommenterTypeEnum
    content: str = strawberry.field(description="意见内容，不超过 2000 字")
    industry: IndustryEnum | None = strawberry.field(
        default=None, description="所属行业（企业必填）"
    )
    enterprise_size: EnterpriseSizeEnum | None = strawberry.field(
        default=None, description="企业规模（企业必填）"
    )
    name: str | None = strawberry.field(
        default=None, description="姓名或企业名称（可不填），公开时只显示首字"
    )
    contact: str | None = strawberry.field(
        default=None, description="手机、固定电话或电子邮箱（可不填），不公开"
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="重试时带上与首次相同的键，返回首次的回执，不会重复提交",
    )
    website: str | None = strawberry.field(
        default=None, description=HONEYPOT_DESCRIPTION
    )


@strawberry.type(name="ConsultationCommentReceipt", description="意见已收到")
class ConsultationCommentReceiptType:
    receipt_number: str = strawberry.field(description="回执编号")
    submitted_at: datetime.datetime


@strawberry.enum(name="ConsultationClosedReason", description="不受理意见的原因")
class ConsultationClosedReason(enum.Enum):
    NOT_STARTED = "not_started"
    CLOSED = "closed"


@strawberry.type(
    name="ConsultationCommentRejected",
    description="征求意见不在受理期内（尚未开始或已截止，按北京时间），意见未保存。",
)
class ConsultationCommentRejectedType:
    reason: ConsultationClosedReason
    message: str
    open_date: datetime.date
    close_date: datetime.date


SubmitConsultationCommentResult = Annotated[
    Union[  # noqa: UP007 - strawberry needs the Union object
        ConsultationCommentReceiptType,
        ConsultationCommentRejectedType,
        ValidationErrors,
    ],
    strawberry.union(
        "SubmitConsultationCommentResult",
        description=(
            "意见已收到（回执），或不在受理期内（ConsultationCommentRejected），"
            "或输入有误（ValidationErrors；找不到征求意见时字段为 consultationId）。"
        ),
    ),
]


def _value(item: enum.Enum | None) -> str:
    return str(item.value) if item is not None else ""


@strawberry.type
class ConsultationMutations:
    @strawberry.mutation(
        description=(
            "对征求意见中的草案提交意见；仅在征求意见期内（北京时间）受理。"
            "意见经审核后公开，联系方式不公开。"
        )
    )
    def submit_consultation_comment(
        self,
        info: Info,
        input: ConsultationCommentInput,  # noqa: A002
    ) -> SubmitConsultationCommentResult:
        rejected = guard_submission(
            info, scope="consultation_comment", honeypot=input.website
        )
        if rejected:
            return rejected
        try:
            receipt = comment_submit(
                site=info.context.use_site(None),
                consultation_id=object_id(input.consultation_id),
                commenter_type=_value(input.commenter_type),
                industry=_value(input.industry),
                enterprise_size=_value(input.enterprise_size),
                name=input.name or "",
                content=input.content,
                contact=input.contact or "",
                idempotency_key=input.idempotency_key or "",
            )
        except ConsultationNotOpen as refused:
            return ConsultationCommentRejectedType(
                reason=ConsultationClosedReason.NOT_STARTED
                if refused.status == ConsultationStatus.NOT_STARTED
                else ConsultationClosedReason.CLOSED,
                message=refused.message,
                open_date=refused.consultation.open_date,
                close_date=refused.consultation.close_date,
            )
        except ValidationError as error:
            return ValidationErrors.from_django(error)
        return ConsultationCommentReceiptType(
            receipt_number=receipt.comment.receipt_number,
            submitted_at=receipt.comment.created_at,
        )
