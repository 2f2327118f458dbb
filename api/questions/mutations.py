"""submitQuestion: a question from the public (网上咨询)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from django.core.exceptions import ValidationError

from api.context import Info
from api.participation.guard import guard_submission
from api.participation.types import ValidationErrors
from cms.questions.services import query_code_for, question_submit

from .types import QuestionReceiptType, SubmitQuestionInput

SubmitQuestionResult = Annotated[
    QuestionReceiptType | ValidationErrors,
    strawberry.union("SubmitQuestionResult", description="咨询回执，或逐字段的错误"),
]


@strawberry.type
class QuestionMutations:
    @strawberry.mutation(
        description="提交网上咨询。先保存，再通知工作人员；同一 idempotencyKey 重试返回同一回执。"
    )
    def submit_question(
        self,
        info: Info,
        input: SubmitQuestionInput,  # noqa: A002
    ) -> SubmitQuestionResult:
        if rejected := guard_submission(info, scope="question", honeypot=input.website):
            return rejected
        try:
            submitted = question_submit(
                topic_id=input.topic_id,
                title=input.title,
                content=input.content,
                name=input.name or "",
                phone=input.phone,
                email=input.email or "",
                consent_to_publish=input.consent_to_publish,
                idempotency_key=input.idempotency_key or "",
            )
        except ValidationError as error:
            return ValidationErrors.from_django(error)
        question = submitted.question
        return QuestionReceiptType(
            tracking_number=question.tracking_number,
            # A question from before derived codes cannot show its code again.
            query_code=query_code_for(question) or "（请使用首次提交时获得的查询码）",
            submitted_at=question.submitted_at,
        )
