"""Reads of 网上咨询 shared by the API and the admin."""

from __future__ import annotations

from django.db.models import Q, QuerySet

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
