"""网上咨询 as GraphQL types: the receipt, the asker's progress, published Q&As."""

from __future__ import annotations

import datetime

import strawberry
import strawberry_django

from api.pages.types import PageInterface
from api.participation.guard import HONEYPOT_DESCRIPTION
from api.taxonomy.types import TopicType
from cms.questions.models import Question, QuestionIndexPage, QuestionStatus

QuestionStatusEnum = strawberry.enum(
    QuestionStatus, name="QuestionStatus", description="咨询办理状态"
)


@strawberry.type(
    name="QuestionReceipt",
    description="咨询已收到：凭咨询编号和查询码查询办理进度和答复。",
)
class QuestionReceiptType:
    tracking_number: str = strawberry.field(description="咨询编号")
    query_code: str = strawberry.field(description="查询码，请妥善保存，不会再次显示")
    submitted_at: datetime.datetime


@strawberry.type(
    name="QuestionProgress", description="咨询人查询到的本人咨询的办理情况。"
)
class QuestionProgressType:
    tracking_number: str
    title: str
    status: QuestionStatusEnum
    submitted_at: datetime.datetime
    department: str | None = strawberry.field(description="承办单位")
    answer: str | None = strawberry.field(description="答复内容；答复前为空")
    answered_at: datetime.datetime | None
    is_published: bool = strawberry.field(
        description="是否已选登公开（已隐去个人信息）"
    )

    @classmethod
    def from_question(cls, question: Question) -> QuestionProgressType:
        answered = question.status == QuestionStatus.ANSWERED
        return cls(
            tracking_number=question.tracking_number,
            title=question.title,
            status=QuestionStatus(question.status),
            submitted_at=question.submitted_at,
            department=question.department.name if question.department_id else None,
            answer=question.answer if answered else None,
            answered_at=question.answered_at if answered else None,
            is_published=question.is_published,
        )


@strawberry_django.type(
    Question,
    name="PublishedQuestion",
    description="选登的咨询及答复（已隐去咨询人个人信息）。",
)
class PublishedQuestionType:
    id: strawberry.ID
    topic: TopicType = strawberry_django.field(description="咨询主题")
    answer: str = strawberry_django.field(description="答复内容")
    answered_at: datetime.datetime = strawberry_django.field(description="答复时间")

    @strawberry_django.field(only=["published_title"], description="标题")
    def title(self) -> str:
        return self.published_title

    @strawberry_django.field(only=["published_content"], description="咨询内容")
    def question(self) -> str:
        return self.published_content

    @strawberry_django.field(
        select_related=["department"], only=["department__name"], description="答复单位"
    )
    def department(self) -> str | None:
        return self.department.name if self.department_id else None


@strawberry_django.type(QuestionIndexPage, name="QuestionIndexPage")
class QuestionIndexPageType(PageInterface):
    intro: str
    notice: str = strawberry_django.field(description="咨询须知")


@strawberry.input(name="SubmitQuestionInput", description="网上咨询")
class SubmitQuestionInput:
    topic_id: strawberry.ID = strawberry.field(description="咨询主题（Topic 的 id）")
    title: str = strawberry.field(description="标题，4 至 100 字")
    content: str = strawberry.field(description="咨询内容，10 至 2000 字")
    phone: str = strawberry.field(description="联系电话（不公开）")
    name: str | None = strawberry.field(default=None, description="姓名（不公开）")
    email: str | None = strawberry.field(default=None, description="电子邮箱（不公开）")
    consent_to_publish: bool = strawberry.field(
        default=False, description="同意在隐去个人信息后选登公开"
    )
    idempotency_key: str | None = strawberry.field(
        default=None, description="客户端生成的唯一键；重试时传同一个键不会重复提交"
    )
    website: str | None = strawberry.field(
        default=None, description=HONEYPOT_DESCRIPTION
    )


TYPES = (QuestionIndexPageType,)
