"""The 网上咨询 column in the HTML site: the notice and the published Q&As (选登)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.questions.models import QuestionStatus

pytestmark = pytest.mark.django_db


def _published(make_question, department, n: int):
    return make_question(
        title=f"张三的社保卡 13812345678 怎么补办（{n}）",
        content="我是张三，电话 13812345678。",
        department=department,
        status=QuestionStatus.ANSWERED,
        answer=f"答复{n}：可到社保中心补办。",
        answered_at=timezone.make_aware(datetime.datetime(2026, 3, 3 + n, 10)),
        consent_to_publish=True,
        is_published=True,
        published_title=f"社保卡如何补办（{n}）",
        published_content="社保卡丢失了如何补办？",
    )


def _get(client, page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_column_shows_the_published_answers_only(
    client, site_tree, make_question, departments
):
    site_tree.questions.notice = "工作人员在 5 个工作日内答复。"
    site_tree.questions.save_revision().publish()
    _published(make_question, departments["insurance"], 1)
    make_question(
        title="未选登的咨询",
        status=QuestionStatus.ANSWERED,
        answer="已答复但未选登。",
        answered_at=timezone.now(),
        consent_to_publish=True,
    )

    _get(client, site_tree.questions)  # warms the per-site caches
    body, queries = _get(client, site_tree.questions)

    assert "工作人员在 5 个工作日内答复。" in body
    assert "社保卡如何补办（1）" in body and "社保卡丢失了如何补办？" in body
    assert "答复1：可到社保中心补办。" in body and "社会保险科" in body
    for private in ("张三", "13812345678", "未选登的咨询", "已答复但未选登。"):
        assert private not in body
    for n in range(2, 6):
        _published(make_question, departments["employment"], n)
    body, more_queries = _get(client, site_tree.questions)
    assert "社保卡如何补办（5）" in body
    assert more_queries == queries  # one query for the Q&As, however many
