from __future__ import annotations

import pytest


@pytest.fixture
def make_policy(site_tree, bureau):
    """A live, public policy on the default site, indexed on save."""
    from tests.factories import PolicyPageFactory

    def make(**kwargs):
        kwargs.setdefault("issuers", [bureau])
        return PolicyPageFactory(parent=site_tree.policies, **kwargs)

    return make


@pytest.fixture
def site(site_tree):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def make_question(site_tree, django_capture_on_commit_callbacks):
    """A question as the public asks it; ``published=True`` answers and selects it
    (选登) through the services. Commit callbacks run, so the index follows."""
    import datetime

    from django.utils import timezone

    from cms.questions import services
    from cms.questions.models import Question, QuestionStatus
    from cms.taxonomy.models import Organization, Topic
    from tests.factories.records import QuestionFactory

    department = Organization.objects.get(name="社会保险科")
    topic = Topic.objects.filter(parent__isnull=False).order_by("pk").first()

    def make(*, published: bool = False, answer: str = "", **fields) -> Question:
        fields = {
            "topic": topic,
            "consent_to_publish": True,
            "department": department,
            **fields,
        }
        with django_capture_on_commit_callbacks(execute=True):
            question = QuestionFactory(**fields)
            if answer or published:
                question.status = QuestionStatus.ANSWERED
                question.answer = answer or "可通过“一网通办”办理。"
                question.answered_at = timezone.make_aware(
                    datetime.datetime(2026, 3, 5, 10)
                )
                question.save()
            if published:
                services.question_publish(question=question)
        question.refresh_from_db()
        return question

    return make
