"""questions(...): published Q&As; question(...): the asker's own progress."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
import strawberry_django

from api.arguments import object_id
from api.connections import ListConnection
from api.context import Info
from cms.questions.selectors import published_questions
from cms.questions.services import find_question

from .types import PublishedQuestionType, QuestionProgressType


@strawberry.type
class QuestionQueries:
    @strawberry_django.connection(
        ListConnection[PublishedQuestionType],
        description="选登公开的咨询及答复，答复时间最新的在前；可按主题筛选（含下级主题）。",
    )
    def questions(
        self, info: Info, topic: strawberry.ID | None = None
    ) -> Iterable[PublishedQuestionType]:
        topic_id = object_id(topic)
        if topic is not None and topic_id is None:
            return published_questions().none()
        return published_questions(topic_id=topic_id)

    @strawberry.field(
        description="咨询人凭咨询编号和查询码查询本人咨询的办理进度和答复；不匹配时为 null。"
    )
    def question(
        self, info: Info, tracking_number: str, query_code: str
    ) -> QuestionProgressType | None:
        # Private: never cached or shared, whatever the answer.
        info.context.private = True
        question = find_question(
            tracking_number=tracking_number[:40], query_code=query_code[:40]
        )
        return QuestionProgressType.from_question(question) if question else None
