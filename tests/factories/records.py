"""Factories for records that are not pages: 网上咨询 questions, 征求意见 comments,
topics, calendar overrides and redirects.

Submissions in tests usually go through the real services (and the GraphQL API);
these build rows directly, in states the services reach only after staff work.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect

from cms.consultations.models import (
    CommenterType,
    ConsultationComment,
    EnterpriseSize,
    Industry,
    ModerationStatus,
)
from cms.questions.models import Question, QuestionStatus
from cms.taxonomy.models import Topic
from cms.workdays.models import CalendarOverride


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


class TopicFactory(factory.django.DjangoModelFactory):
    """A 主题 of the taxonomy (seed_taxonomy makes the real ones)."""

    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"测试主题{n + 1}")
    slug = factory.Sequence(lambda n: f"test-topic-{n + 1}")


class CalendarOverrideFactory(factory.django.DjangoModelFactory):
    """A day the bureau closes (or works) unlike the official calendar."""

    class Meta:
        model = CalendarOverride

    date = factory.Sequence(
        lambda n: datetime.date(2031, 1, 6) + datetime.timedelta(days=n)
    )
    is_working_day = False
    reason = ""


class RedirectFactory(factory.django.DjangoModelFactory):
    """An old address that leads to a page or a link (Wagtail's redirects)."""

    class Meta:
        model = Redirect

    old_path = factory.Sequence(lambda n: f"/old/path-{n + 1}")
