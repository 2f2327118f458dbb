"""Reads of 网上咨询 shared by the API, the admin and the compliance reports."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, F, Func, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from wagtail.models import Site

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


def published_question_paths(
    questions: Sequence[Question], site: Site
) -> dict[int, str | None]:
    """Where ``site`` shows each published Q&A: the page of its 网上咨询 column
    listing it, with the Q&A's anchor (``/zixun/?page=2#question-12``); None when
    the site has no public column. One query for the column, one for the places."""
    from cms.home.selectors import public_pages

    from .models import QuestionIndexPage

    column = public_pages(site, model=QuestionIndexPage).first()
    parts = column.get_url_parts() if column is not None else None
    if not parts or parts[2] is None:
        return {question.pk: None for question in questions}
    # How many published Q&As the column lists before each one (newest answer
    # first, as published_questions orders them).
    ahead = (
        published_questions()
        .filter(
            Q(answered_at__gt=OuterRef("answered_at"))
            | Q(answered_at=OuterRef("answered_at"), pk__gt=OuterRef("pk"))
        )
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    before = dict(
        Question.objects.filter(pk__in=[question.pk for question in questions])
        .annotate(before=Subquery(ahead[:1]))
        .values_list("pk", "before")
    )
    paths: dict[int, str | None] = {}
    for question in questions:
        page = (before.get(question.pk) or 0) // column.listing_per_page + 1
        query = f"?page={page}" if page > 1 else ""
        paths[question.pk] = f"{parts[2]}{query}#question-{question.pk}"
    return paths


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
