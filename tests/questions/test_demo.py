"""The demo 网上咨询 and registrations: realistic, idempotent, nothing personal public."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from cms.demo.questions import load_questions_demo
from cms.events.registrations import EventRegistration
from cms.questions.models import Question, QuestionIndexPage
from cms.questions.selectors import published_questions
from tests.factories.pages import OpenEventPageFactory


@pytest.mark.django_db
def test_demo_loads_once(site_tree):
    editor = get_user_model().objects.create_user("demo")
    OpenEventPageFactory(parent=site_tree.events, capacity=30)
    assert load_questions_demo(home=site_tree.home, editor=editor) == {
        "questions": 7,
        "registrations": 4,
    }
    assert load_questions_demo(home=site_tree.home, editor=editor) == {
        "questions": 0,
        "registrations": 0,
    }
    assert QuestionIndexPage.objects.live().count() == 1
    assert sorted(Question.objects.values_list("status", flat=True)) == [
        "answered",
        "answered",
        "answered",
        "answered",
        "assigned",
        "assigned",
        "received",
    ]
    published = list(published_questions())
    assert [q.published_title for q in published] == [
        "应届高校毕业生就业见习补贴怎么申请？",
        "灵活就业人员如何参加社会保险？",
        "失业保险金申领需要哪些条件？",
    ]
    text = " ".join(q.published_content for q in published)
    for secret in (
        "陈建国",
        "13916881234",
        "310112198805063217",
        "lixiao2025@example.com",
    ):
        assert secret not in text
    assert EventRegistration.objects.count() == 4
