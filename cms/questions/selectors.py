"""Reads of 网上咨询 shared by the API, the admin and the compliance reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import Question, QuestionStatus


def published_questions(*, topic_id: int | None = None) -> QuerySet[Question]:
    """Q&As selected for publication (选登): answered, consented, newest answer first.

    A first-level topic includes its second-level topics.
    """
    queryset = Question.objects.filter(
        is_published=True,
        consent_to_publish=True,
        status=QuestionStatus.ANSWERED,
    )
    if topic_id is not None:
        queryset = queryset.filter(Q(topic_id=topic_id) | Q(topic__parent_id=topic_id))
    return queryset.order_by("-answered_at", "-pk")


def _answered_between(start: datetime.date, end: datetime.date) -> Q:
    """Answered on a local date from ``start`` to ``end``, both included."""

    def midnight(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    return Q(
        answered_at__gte=midnight(start),
        answered_at__lt=midnight(end + datetime.timedelta(days=1)),
    )


def late_answers(*, start: datetime.date, end: datetime.date) -> QuerySet[Question]:
    """Questions answered from ``start`` to ``end`` (local dates, both included) more
    than three months after they were submitted, oldest answer first.

    检查指标 "留言超过3个月未回复": ``answered_over_three_months`` is fixed when the
    first answer is given (cms/questions/deadlines.py says how the months are
    counted), so a late answer is still counted after it has been given.
    """
    return Question.objects.filter(
        _answered_between(start, end), answered_over_three_months=True
    ).order_by("answered_at", "pk")


@dataclass(frozen=True)
class AnswerCounts:
    answered: int
    over_three_months: int


def answer_counts(*, start: datetime.date, end: datetime.date) -> AnswerCounts:
    """How many questions were answered in the period, and how many of them late
    (as ``late_answers``), in one query."""
    values = Question.objects.filter(_answered_between(start, end)).aggregate(
        answered=Count("pk"),
        over_three_months=Count("pk", filter=Q(answered_over_three_months=True)),
    )
    return AnswerCounts(**values)
