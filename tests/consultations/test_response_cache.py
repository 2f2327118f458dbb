"""Consultation comments reach the public only once approved: only then (or when an
approved one changes or goes) do they orphan cached API responses."""

from __future__ import annotations

import pytest
from wagtail.models import Site

from api import cache
from cms.consultations.models import ModerationStatus
from cms.consultations.services import comment_submit, comments_moderate

pytestmark = pytest.mark.django_db


def _bumps(action) -> bool:
    before = cache.current_generation()
    action()
    return cache.current_generation() != before


def test_a_new_comment_awaiting_moderation_keeps_the_cache(make_consultation):
    consultation = make_consultation()
    assert not _bumps(
        lambda: comment_submit(
            site=Site.objects.get(is_default_site=True),
            consultation_id=consultation.pk,
            commenter_type="individual",
            content="建议把补贴发放周期缩短到一个月。",
        )
    )


def test_approving_editing_and_withdrawing_an_approved_comment_invalidate(
    make_consultation, add_comment
):
    consultation = make_consultation()
    comment = add_comment(consultation)
    hidden = add_comment(consultation, "广告内容", moderation_status="hidden")

    assert _bumps(
        lambda: comments_moderate(comments=[comment], status=ModerationStatus.APPROVED)
    )

    def edit_summary():
        comment.summary = "建议扩大补贴范围"
        comment.save()

    assert _bumps(edit_summary)
    assert _bumps(
        lambda: comments_moderate(comments=[comment], status=ModerationStatus.HIDDEN)
    )
    # Between states the public never sees: nothing changes for the public.
    assert not _bumps(
        lambda: comments_moderate(comments=[comment], status=ModerationStatus.PENDING)
    )
    assert not _bumps(hidden.delete)
    comments_moderate(comments=[comment], status=ModerationStatus.APPROVED)
    assert _bumps(comment.delete)


def test_the_public_sees_an_approval_at_once(graphql, make_consultation, add_comment):
    consultation = make_consultation()
    comment = add_comment(consultation, "建议延长征求意见期限。")
    query = "query ($id: ID!) { page(id: $id) { ... on ConsultationPage { commentCount comments { content } } } }"
    variables = {"id": str(consultation.pk)}
    assert graphql(query, variables, method="get")["data"]["page"] == {
        "commentCount": 0,
        "comments": [],
    }
    assert graphql(query, variables, method="get")["data"]["page"]["commentCount"] == 0
    assert graphql.last_response["X-GraphQL-Cache"] == "HIT"
    comments_moderate(comments=[comment], status=ModerationStatus.APPROVED)
    assert graphql(query, variables, method="get")["data"]["page"] == {
        "commentCount": 1,
        "comments": [{"content": "建议延长征求意见期限。"}],
    }
