"""questions(topic, first, after): published Q&As only, never personal data."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from cms.questions import services
from cms.questions.models import QuestionStatus

LIST = """
query ($topic: ID, $first: Int, $after: String) {
  questions(topic: $topic, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { title question answer answeredAt department topic { name } } }
  }
}
"""


def _answered(make_question, department, n, **fields):
    answered_at = timezone.make_aware(datetime.datetime(2026, 3, 3 + n, 10))
    return make_question(
        title=f"问题{n}：张三的社保卡 13812345678 怎么补办",
        content=f"我是张三，身份证 110105199001011234，电话 13812345678（{n}）",
        department=department,
        status=QuestionStatus.ANSWERED,
        answer=f"答复{n}：可到社保中心补办。",
        answered_at=answered_at,
        consent_to_publish=True,
        **fields,
    )


@pytest.fixture
def published(make_question, departments, topics):
    items = []
    for n in range(3):
        question = _answered(make_question, departments["insurance"], n)
        services.question_publish(question=question)
        items.append(question)
    in_other_topic = _answered(
        make_question, departments["employment"], 3, topic=topics["other"]
    )
    services.question_publish(question=in_other_topic, title="编辑后的标题")
    # Not public: answered but not selected, open, unpublished again.
    _answered(make_question, departments["insurance"], 4)
    make_question(title="尚未答复")
    withdrawn = _answered(make_question, departments["insurance"], 5)
    services.question_publish(question=withdrawn)
    services.question_unpublish(question=withdrawn)
    return items + [in_other_topic]


@pytest.mark.django_db
def test_list_newest_answer_first_scrubbed(graphql, published, topics):
    result = graphql(LIST)["data"]["questions"]
    assert result["totalCount"] == 4
    nodes = [edge["node"] for edge in result["edges"]]
    assert nodes[0] == {
        "title": "编辑后的标题",
        "question": "我是张某，身份证 [身份证号已隐去]，电话 [电话已隐去]（3）",
        "answer": "答复3：可到社保中心补办。",
        "answeredAt": "2026-03-06T02:00:00+00:00",
        "department": "就业促进科",
        "topic": {"name": topics["other"].name},
    }
    assert [node["title"] for node in nodes[1:]] == [
        "问题2：张某的社保卡 [电话已隐去] 怎么补办",
        "问题1：张某的社保卡 [电话已隐去] 怎么补办",
        "问题0：张某的社保卡 [电话已隐去] 怎么补办",
    ]
    body = json.dumps(result, ensure_ascii=False)
    for secret in ("张三", "13812345678", "110105199001011234", "ABCDEFGH"):
        assert secret not in body


@pytest.mark.django_db
def test_filter_by_topic_includes_subtopics_and_paginates(graphql, published, topics):
    by_parent = graphql(LIST, {"topic": str(topics["parent"].pk), "first": 2})
    page = by_parent["data"]["questions"]
    assert page["totalCount"] == 3
    assert [e["node"]["title"][:3] for e in page["edges"]] == ["问题2", "问题1"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = graphql(
        LIST,
        {
            "topic": str(topics["parent"].pk),
            "first": 2,
            "after": page["pageInfo"]["endCursor"],
        },
    )["data"]["questions"]
    assert [e["node"]["title"][:3] for e in rest["edges"]] == ["问题0"]
    assert rest["pageInfo"]["hasNextPage"] is False
    assert graphql(LIST, {"topic": "nope"})["data"]["questions"]["totalCount"] == 0


@pytest.mark.django_db
def test_personal_fields_are_not_in_the_schema(graphql):
    result = graphql('{ __type(name: "PublishedQuestion") { fields { name } } }')
    names = {field["name"] for field in result["data"]["__type"]["fields"]}
    assert names == {
        "id",
        "title",
        "question",
        "answer",
        "answeredAt",
        "department",
        "topic",
    }


@pytest.mark.django_db
def test_list_query_count_is_constant(
    graphql, published, django_assert_max_num_queries
):
    # count + page with topic and department joined; no per-row queries.
    with django_assert_max_num_queries(3):
        result = graphql(LIST, {"first": 100})
    assert result["data"]["questions"]["totalCount"] == 4


@pytest.mark.django_db
def test_publishing_invalidates_the_cached_list(
    graphql, published, make_question, departments, settings, tmp_path
):
    # A stamp of our own: other test processes on this host bump the shared one.
    settings.GRAPHQL_GENERATION_FILE = tmp_path / "graphql.generation"
    first = graphql(LIST, method="get")
    assert first["data"]["questions"]["totalCount"] == 4
    assert graphql(LIST, method="get") == first
    assert graphql.last_response["X-GraphQL-Cache"] == "HIT"
    question = _answered(make_question, departments["insurance"], 6)
    services.question_publish(question=question)
    assert graphql(LIST, method="get")["data"]["questions"]["totalCount"] == 5
