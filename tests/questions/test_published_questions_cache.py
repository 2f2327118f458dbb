"""A Q&A selected for publication shows at once: the response cache watches it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.questions import services
from cms.questions.models import QuestionStatus

pytestmark = pytest.mark.django_db

LIST = "{ questions(first: 10) { totalCount edges { node { title } } } }"


def _titles(body) -> list[str]:
    return [edge["node"]["title"] for edge in body["data"]["questions"]["edges"]]


def _answered(make_question, department, title):
    return make_question(
        title=title,
        department=department,
        status=QuestionStatus.ANSWERED,
        answer="可到区社保中心窗口办理。",
        answered_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 10)),
        consent_to_publish=True,
    )


def test_selecting_and_withdrawing_a_question_invalidates(
    graphql, make_question, departments
):
    first = _answered(make_question, departments["insurance"], "社保卡如何补办")
    services.question_publish(question=first)
    assert _titles(graphql(LIST)) == ["社保卡如何补办"]
    assert _titles(graphql(LIST)) == ["社保卡如何补办"]
    assert graphql.last_response["X-GraphQL-Cache"] == "HIT"

    second = _answered(make_question, departments["employment"], "失业金怎么申领")
    services.question_publish(question=second)
    assert sorted(_titles(graphql(LIST))) == ["失业金怎么申领", "社保卡如何补办"]
    assert graphql.last_response["X-GraphQL-Cache"] == "MISS"

    second.is_published = False
    second.save()
    assert _titles(graphql(LIST)) == ["社保卡如何补办"]


def test_a_new_question_does_not_empty_the_cache(graphql, make_question, departments):
    published = _answered(make_question, departments["insurance"], "社保卡如何补办")
    services.question_publish(question=published)
    graphql(LIST)
    # Submitted, not answered: nothing public changed.
    make_question(title="灵活就业怎么参保")
    graphql(LIST)
    assert graphql.last_response["X-GraphQL-Cache"] == "HIT"
