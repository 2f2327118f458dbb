from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.questions.models import Question, QuestionStatus
from cms.taxonomy.models import Organization, Topic


@pytest.fixture
def taxonomy(db):
    """Topics and departments only: most question tests need no page tree."""
    from cms.taxonomy.seed import seed_taxonomy

    seed_taxonomy()


@pytest.fixture
def topics(taxonomy):
    parent = Topic.objects.filter(parent__isnull=True).order_by("sort_order").first()
    child = parent.children.order_by("sort_order").first()
    other = Topic.objects.filter(parent__isnull=True).exclude(pk=parent.pk).first()
    return {"parent": parent, "child": child, "other": other}


@pytest.fixture
def departments(taxonomy):
    return {
        "employment": Organization.objects.get(name="就业促进科"),
        "insurance": Organization.objects.get(name="社会保险科"),
    }


@pytest.fixture
def make_question(topics):
    counter = iter(range(1, 10_000))

    def make(**fields) -> Question:
        n = next(counter)
        defaults = {
            "tracking_number": f"ZX20260302{n:06d}",
            "query_code_salt": "0123456789abcdef0123456789abcdef",
            "topic": topics["child"],
            "title": f"咨询标题{n}",
            "content": "请问灵活就业人员如何缴纳社会保险？",
            "name": "张三",
            "phone": "13812345678",
            "submitted_at": timezone.make_aware(datetime.datetime(2026, 3, 2, 9)),
            "status": QuestionStatus.RECEIVED,
        }
        defaults.update(fields)
        return Question.objects.create(**defaults)

    return make
