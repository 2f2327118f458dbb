"""Factories for records that are not pages: 网上咨询 questions and 征求意见 comments.

Submissions in tests usually go through the real services (and the GraphQL API);
these build rows directly, in states the services reach only after staff work.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from cms.consultations.models import (
    CommenterType,
    ConsultationComment,
    EnterpriseSize,
    Industry,
    ModerationStatus,
)
from cms.questions.models import Question, QuestionStatus


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question as received; pass status/answer/... for later states."""

    class Meta:
        model = Question

    tracking_number = factory.Sequence(lambda n: f"ZX20260302{n + 1:06d}")
    query_code_salt = "0123456789abcdef0123456789abcdef"
    title = factory.Sequence(lambda n: f"咨询标题{n + 1}")
    content = "请问灵活就业人员如何缴纳社会保险？"
    name = "张三"
    phone = "13812345678"
    submitted_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2026, 3, 2, 9))
    )
    status = QuestionStatus.RECEIVED


class ConsultationCommentFactory(factory.django.DjangoModelFactory):
    """A comment on a consultation, waiting for moderation unless told otherwise."""

    class Meta:
        model = ConsultationComment

    content = "建议扩大补贴范围。"
    receipt_number = factory.Sequence(lambda n: f"YJTEST{n + 1:06d}")
    commenter_type = CommenterType.INDIVIDUAL
    moderation_status = ModerationStatus.PENDING
    industry = factory.Maybe(
        factory.LazyAttribute(lambda c: c.commenter_type == CommenterType.ENTERPRISE),
        yes_declaration=Industry.MANUFACTURING,
        no_declaration="",
    )
    enterprise_size = factory.Maybe(
        factory.LazyAttribute(lambda c: c.commenter_type == CommenterType.ENTERPRISE),
        yes_declaration=EnterpriseSize.SMALL,
        no_declaration="",
    )
