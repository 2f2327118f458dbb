"""The demo 网上咨询 and registrations: realistic, idempotent, nothing personal public."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.demo.questions import load_questions_demo
from cms.events.registrations import EventRegistration
from cms.questions.models import Question, QuestionIndexPage
from cms.questions.selectors import late_answers, published_questions
from tests.factories.pages import OpenEventPageFactory


@pytest.mark.django_db
def test_demo_loads_once(site_tree):
    editor = get_user_model().objects.create_user("demo")
    OpenEventPageFactory(parent=site_tree.events, capacity=30)
    assert load_questions_demo(home=site_tree.home, editor=editor) == {
        "questions": 8,
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
    # One answer came after more than three months, and is counted as late.
    answered = Question.objects.filter(status="answered").order_by("tracking_number")
    assert [
        (
            q.tracking_number,
            (q.answered_at - q.submitted_at).days,
            q.answered_over_three_months,
        )
        for q in answered
    ] == [
        ("ZX-DEMO-0001", 3, False),
        ("ZX-DEMO-0002", 3, False),
        ("ZX-DEMO-0003", 3, False),
        ("ZX-DEMO-0004", 3, False),
        ("ZX-DEMO-0008", 97, True),
    ]
    late = answered.get(tracking_number="ZX-DEMO-0008")
    day = timezone.localdate(late.answered_at)
    assert list(late_answers(start=day, end=day)) == [late]


@pytest.mark.django_db
def test_demo_qas_are_found_by_the_public_search(
    site_tree, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    from search.engine import SearchFilters, search_pages

    editor = get_user_model().objects.create_user("demo")
    OpenEventPageFactory(parent=site_tree.events, capacity=30)
    with django_capture_on_commit_callbacks(execute=True):
        load_questions_demo(home=site_tree.home, editor=editor)
    outcome = search_pages(
        query="失业金怎么领",
        site=Site.objects.get(is_default_site=True),
        filters=SearchFilters(content_types=("question",)),
    )
    assert [hit.item.published_title for hit in outcome.hits] == [
        "失业保险金申领需要哪些条件？"
    ]
