"""registerForEvent / cancelEventRegistration: registration for open activities."""

from __future__ import annotations

import logging
from typing import Annotated

import strawberry
from django.core.exceptions import ValidationError

from api.arguments import object_id
from api.context import Info
from api.participation.guard import HONEYPOT_DESCRIPTION, guard_submission
from api.participation.types import ValidationErrors
from cms.events.registrations import EventRegistration, RegistrationStatus
from cms.events.services import (
    RegistrationRefused,
    RejectionReason,
    registration_cancel,
    registration_create,
)

logger = logging.getLogger(__name__)

RegistrationStatusEnum = strawberry.enum(
    RegistrationStatus, name="RegistrationStatus", description="报名状态"
)
RejectionReasonEnum = strawberry.enum(
    RejectionReason,
    name="RegistrationRejectionReason",
    description="报名未被接受的原因",
)


@strawberry.type(
    name="EventRegistration", description="报名结果：凭报名码和手机号码可取消报名。"
)
class EventRegistrationType:
    code: str = strawberry.field(description="报名码")
    status: RegistrationStatusEnum
    people_count: int

    @classmethod
    def of(cls, registration: EventRegistration) -> EventRegistrationType:
        return cls(
            code=registration.code,
            status=RegistrationStatus(registration.status),
            people_count=registration.people_count,
        )


@strawberry.type(
    name="RegistrationRejected",
    description="报名或取消未被接受，原因见 reason 和 message。",
)
class RegistrationRejectedType:
    reason: RejectionReasonEnum
    message: str = strawberry.field(description="给报名人看的中文说明")

    @classmethod
    def of(cls, reason: RejectionReason) -> RegistrationRejectedType:
        return cls(reason=reason, message=str(reason.label))


RegistrationResult = Annotated[
    EventRegistrationType | RegistrationRejectedType | ValidationErrors,
    strawberry.union(
        "RegistrationResult", description="报名结果、拒绝原因或逐字段的错误"
    ),
]


@strawberry.input(name="RegisterForEventInput", description="政府开放活动报名")
class RegisterForEventInput:
    event_id: strawberry.ID = strawberry.field(description="活动（OpenEventPage）的 id")
    name: str = strawberry.field(description="姓名（不公开）")
    phone: str = strawberry.field(
        description="手机号码（不公开），同一活动不能重复报名"
    )
    people_count: int = strawberry.field(
        default=1, description="人数，不超过活动的每次报名最多人数"
    )
    idempotency_key: str | None = strawberry.field(
        default=None, description="客户端生成的唯一键；重试时传同一个键不会重复报名"
    )
    website: str | None = strawberry.field(
        default=None, description=HONEYPOT_DESCRIPTION
    )


@strawberry.type
class EventMutations:
    @strawberry.mutation(
        description=(
            "报名参加政府开放活动。名额按人数计，报满后进入候补（候补人数以名额为限），"
            "有人取消时按先后顺序转正。同一 idempotencyKey 重试返回同一结果。"
        )
    )
    def register_for_event(
        self,
        info: Info,
        input: RegisterForEventInput,  # noqa: A002
    ) -> RegistrationResult:
        if rejected := guard_submission(
            info, scope="event_registration", honeypot=input.website
        ):
            return rejected
        try:
            outcome = registration_create(
                site=info.context.use_site(None),
                event_id=object_id(input.event_id),
                name=input.name,
                phone=input.phone,
                people_count=input.people_count,
                idempotency_key=input.idempotency_key or "",
            )
        except RegistrationRefused as refused:
            return RegistrationRejectedType.of(refused.reason)
        except ValidationError as error:
            return ValidationErrors.from_django(error)
        return EventRegistrationType.of(outcome.registration)

    @strawberry.mutation(
        description="凭报名码和报名时的手机号码取消报名；活动开始后不能取消。释放的名额自动给候补。"
    )
    def cancel_event_registration(
        self,
        info: Info,
        code: str,
        phone: str,
        website: Annotated[
            str | None, strawberry.argument(description=HONEYPOT_DESCRIPTION)
        ] = None,
    ) -> RegistrationResult:
        if rejected := guard_submission(
            info, scope="event_cancellation", honeypot=website
        ):
            return rejected
        try:
            outcome = registration_cancel(code=code, phone=phone)
        except RegistrationRefused as refused:
            return RegistrationRejectedType.of(refused.reason)
        return EventRegistrationType.of(outcome.registration)
