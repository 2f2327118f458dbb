"""依申请公开 as GraphQL types: the application input, its receipt and its progress.

Only the applicant, holding the tracking number and the query code, sees an
application's progress, and even then never any personal data.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from api.participation.guard import HONEYPOT_DESCRIPTION
from api.participation.types import ValidationErrors
from cms.disclosure.clock import acknowledgement_date
from cms.disclosure.models import (
    ApplicantType,
    DeliveryMethod,
    DisclosureApplication,
    IdType,
)
from cms.disclosure.reply_types import ReplyType
from cms.disclosure.selectors import PublicStatus, public_status
from cms.disclosure.services import Receipt

ApplicantTypeEnum = strawberry.enum(
    ApplicantType,
    name="DisclosureApplicantType",
    description="申请人类型：自然人，或法人或其他组织（商业企业、科研机构、社会公益组织、"
    "法律服务机构、其他）",
)
IdTypeEnum = strawberry.enum(
    IdType,
    name="DisclosureIdType",
    description="证件类型；法人或其他组织填写统一社会信用代码",
)
DeliveryMethodEnum = strawberry.enum(
    DeliveryMethod, name="DisclosureDeliveryMethod", description="获取信息的方式"
)
StatusEnum = strawberry.enum(
    PublicStatus, name="DisclosureApplicationStatus", description="申请的办理状态"
)
ReplyTypeEnum = strawberry.enum(
    ReplyType,
    name="DisclosureReplyType",
    description="答复类型（按政府信息公开工作年度报告的分类）",
)


@strawberry.input(
    name="DisclosureApplicationInput",
    description="政府信息公开申请。提交后返回申请编号和查询码，凭二者查询办理进度。",
)
class DisclosureApplicationInput:
    applicant_type: ApplicantTypeEnum
    name: str = strawberry.field(description="自然人姓名，或法人或其他组织的名称")
    id_type: IdTypeEnum
    id_number: str = strawberry.field(
        description="证件号码：居民身份证和统一社会信用代码核验校验位"
    )
    phone: str = strawberry.field(description="联系电话：手机号码或带区号的固定电话")
    email: str | None = strawberry.field(
        default=None, description="电子邮箱；以电子邮件获取信息时必填"
    )
    address: str | None = strawberry.field(
        default=None, description="通信地址；以纸质方式获取信息时必填"
    )
    description: str = strawberry.field(description="所需政府信息的内容描述")
    doc_number: str | None = strawberry.field(
        default=None, description="所需信息的文件名称或文号（知道时填写）"
    )
    delivery_method: DeliveryMethodEnum
    idempotency_key: str = strawberry.field(
        description="客户端为每份申请生成的唯一键（如 UUID）；重试时使用同一键，"
        "返回第一次的回执而不会重复申请"
    )
    website: str | None = strawberry.field(
        default=None, description=HONEYPOT_DESCRIPTION
    )


RECEIVED_DATE_DESCRIPTION = (
    "收到申请之日（条例第三十一条）：网上申请为双方确认之日——工作日提交的即时自动确认，"
    "非工作日提交的于其后第一个工作日确认；书面申请为提交、签收或确认之日。确认前为 null"
)
CONFIRMED_DESCRIPTION = "本机关是否已确认收到申请（非工作日网上提交的，确认前为 false）"
EXPECTED_DESCRIPTION = (
    "尚未确认收到时，系统将自动确认收到的日期（提交后第一个工作日）；已确认时为 null"
)
PROVISIONAL_DESCRIPTION = (
    "答复期限取决于尚未公布节假日安排的年度时为 true（该年度按《全国年节及纪念日放假办法》"
    "的法定节假日暂算，不含调休）"
)


def expected_confirmation(application: DisclosureApplication) -> datetime.date | None:
    if not application.awaiting_receipt:
        return None
    return acknowledgement_date(application.submitted_on)


@strawberry.type(
    name="DisclosureApplicationReceipt",
    description="申请已收到：请妥善保存申请编号和查询码，查询码只在此处出现。",
)
class DisclosureApplicationReceiptType:
    tracking_number: str = strawberry.field(
        description="申请编号，例如 YSQ-2025-000123"
    )
    query_code: str = strawberry.field(description="查询码，与申请编号一起查询办理进度")
    received_date: datetime.date | None = strawberry.field(
        description=RECEIVED_DATE_DESCRIPTION
    )
    receipt_confirmed: bool = strawberry.field(description=CONFIRMED_DESCRIPTION)
    expected_confirmation_date: datetime.date | None = strawberry.field(
        description=EXPECTED_DESCRIPTION
    )
    due_date: datetime.date | None = strawberry.field(
        description="答复期限：收到申请之日后第 20 个工作日（收到申请之日当天不计）；"
        "确认收到之前为 null"
    )
    due_date_provisional: bool = strawberry.field(description=PROVISIONAL_DESCRIPTION)

    @classmethod
    def from_receipt(cls, receipt: Receipt) -> DisclosureApplicationReceiptType:
        application = receipt.application
        return cls(
            tracking_number=application.tracking_number,
            query_code=receipt.query_code,
            received_date=application.received_date,
            receipt_confirmed=not application.awaiting_receipt,
            expected_confirmation_date=expected_confirmation(application),
            due_date=application.due_date,
            due_date_provisional=application.due_date_provisional,
        )


SubmitDisclosureApplicationResult = Annotated[
    DisclosureApplicationReceiptType | ValidationErrors,
    strawberry.union(
        "SubmitDisclosureApplicationResult",
        description="申请回执，或逐字段的错误说明（未保存任何内容）",
    ),
]


@strawberry.type(name="DisclosureReply", description="答复")
class DisclosureReplyType:
    type: ReplyTypeEnum = strawberry.field(description="答复类型")
    reply_date: datetime.date = strawberry.field(description="答复日期")
    notice_text: str = strawberry.field(description="答复告知书正文")


@strawberry.type(
    name="DisclosureApplicationProgress",
    description="申请的办理进度；只凭申请编号和查询码查询，不含任何个人信息。",
)
class DisclosureApplicationProgressType:
    tracking_number: str
    status: StatusEnum
    received_date: datetime.date | None = strawberry.field(
        description=RECEIVED_DATE_DESCRIPTION
    )
    receipt_confirmed: bool = strawberry.field(description=CONFIRMED_DESCRIPTION)
    expected_confirmation_date: datetime.date | None = strawberry.field(
        description=EXPECTED_DESCRIPTION
    )
    due_date: datetime.date | None = strawberry.field(
        description="答复期限；尚未确认收到、待补正或征求其他机关意见期间为 null"
    )
    due_date_provisional: bool = strawberry.field(description=PROVISIONAL_DESCRIPTION)
    extended: bool = strawberry.field(description="是否已延期答复")
    reply: DisclosureReplyType | None = strawberry.field(
        description="答复；尚未答复时为 null"
    )

    @classmethod
    def from_model(
        cls, application: DisclosureApplication, *, notice_text: str
    ) -> DisclosureApplicationProgressType:
        status = public_status(application)
        replied = status in (PublicStatus.REPLIED, PublicStatus.CLOSED)
        return cls(
            tracking_number=application.tracking_number,
            status=status,
            received_date=application.received_date,
            receipt_confirmed=not application.awaiting_receipt,
            expected_confirmation_date=expected_confirmation(application),
            due_date=application.due_date,
            due_date_provisional=application.due_date_provisional,
            extended=hasattr(application, "extension"),
            reply=DisclosureReplyType(
                type=ReplyType(application.reply_type),
                reply_date=application.replied_on,
                notice_text=notice_text,
            )
            if replied and application.reply_type
            else None,
        )


TYPES: tuple[type, ...] = ()
