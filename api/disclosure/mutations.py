"""submitDisclosureApplication: a public application for government information."""

from __future__ import annotations

import strawberry
from django.core.exceptions import ValidationError

from api.context import Info
from api.participation.guard import guard_submission
from api.participation.types import ValidationErrors
from cms.disclosure.services import application_submit

from .types import (
    DisclosureApplicationInput,
    DisclosureApplicationReceiptType,
    SubmitDisclosureApplicationResult,
)


@strawberry.type
class DisclosureMutations:
    @strawberry.mutation(
        description="提交政府信息公开申请；同一 idempotencyKey 重试返回第一次的回执。"
    )
    def submit_disclosure_application(
        self,
        info: Info,
        input: DisclosureApplicationInput,  # noqa: A002
    ) -> SubmitDisclosureApplicationResult:
        if rejected := guard_submission(
            info, scope="disclosure", honeypot=input.website
        ):
            return rejected
        try:
            receipt = application_submit(
                applicant_type=input.applicant_type.value,
                name=input.name,
                id_type=input.id_type.value,
                id_number=input.id_number,
                phone=input.phone,
                email=input.email or "",
                address=input.address or "",
                description=input.description,
                doc_number=input.doc_number or "",
                delivery_method=input.delivery_method.value,
                idempotency_key=input.idempotency_key,
            )
        except ValidationError as error:
            return ValidationErrors.from_django(error)
        return DisclosureApplicationReceiptType.from_receipt(receipt)
