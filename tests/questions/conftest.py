from __future__ import annotations

import pytest

from cms.questions.models import Question
from cms.taxonomy.models import Organization, Topic
from tests.factories.records import QuestionFactory


@pytest.fixture
def taxonomy(db):
    """Topics and departments: part of the session's seed (tests/seed.py), made
    again only where a transactional test flushed them."""
    from cms.taxonomy.seed import seed_taxonomy

    if not Topic.objects.exists():
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
    def make(**fields) -> Question:
        fields.setdefault("topic", topics["child"])
        return QuestionFactory(**fields)

    return make
