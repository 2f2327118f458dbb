"""search(...) through real HTTP returns records next to pages: the 选登 Q&As of
网上咨询, with their content type, title, site path and the record itself."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.questions.models import Question

pytestmark = pytest.mark.django_db

SEARCH = """
query ($q: String!, $filter: SearchFilter, $first: Int) {
  search(query: $q, filter: $filter, first: $first) {
    totalCount
    edges { node {
      contentType title urlPath highlightedTitle snippet
      page { title pageType }
      record {
        __typename
        ... on PublishedQuestion {
          id title question answer department topic { name }
        }
      }
    } }
    facets { contentType { value label count } }
  }
}
"""


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0


def _search(graphql, **variables) -> dict:
    body = graphql(SEARCH, variables)
    assert "errors" not in body, body
    return body["data"]["search"]


@pytest.fixture
def answered(make_question, make_policy):
    policy = make_policy(
        title="关于调整失业保险金标准的通知",
        publish_date=datetime.date(2025, 6, 1),
        written_date=datetime.date(2025, 5, 20),
    )
    question = make_question(
        published=True,
        title="张三问：失业保险金申领需要哪些条件？电话 13812345678",
        content="我叫张三，被公司裁员，请问怎样申领失业保险金？",
        answer="已办理失业登记并有求职要求的，可通过“一网通办”申领失业保险金。",
    )
    # Matches as well, but never public: answered, not selected.
    make_question(title="失业保险金申领", answer="可以申领失业保险金。")
    return {"policy": policy, "question": question}


def test_a_published_question_is_a_result_with_its_record(graphql, answered):
    question = answered["question"]
    result = _search(graphql, q="失业保险金", filter={"contentType": ["QUESTION"]})
    assert result["totalCount"] == 1
    assert result["edges"] == [
        {
            "node": {
                "contentType": "QUESTION",
                "title": "张某问：失业保险金申领需要哪些条件？电话 [电话已隐去]",
                "urlPath": f"/zixun/#question-{question.pk}",
                "highlightedTitle": (
                    "张某问：<em>失业保险金</em>申领需要哪些条件？电话 [电话已隐去]"
                ),
                "snippet": (
                    "我叫张某，被公司裁员，请问怎样申领<em>失业保险金</em>？ "
                    "已办理失业登记并有求职要求的，可通过“一网通办”申领"
                    "<em>失业保险金</em>。"
                ),
                "page": None,
                "record": {
                    "__typename": "PublishedQuestion",
                    "id": str(question.pk),
                    "title": question.published_title,
                    "question": question.published_content,
                    "answer": question.answer,
                    "department": "社会保险科",
                    "topic": {"name": question.topic.name},
                },
            }
        }
    ]
    assert result["facets"]["contentType"] == [
        {"value": "POLICY", "label": "政策文件", "count": 1},
        {"value": "QUESTION", "label": "网上咨询", "count": 1},
    ]
    body = json.dumps(result, ensure_ascii=False)
    for secret in ("张三", "13812345678"):
        assert secret not in body


def test_pages_and_records_side_by_side(graphql, answered):
    result = _search(graphql, q="失业保险金")
    nodes = [edge["node"] for edge in result["edges"]]
    assert result["totalCount"] == 2
    assert {node["contentType"] for node in nodes} == {"POLICY", "QUESTION"}
    policy_node = next(node for node in nodes if node["contentType"] == "POLICY")
    assert policy_node["page"] == {
        "title": "关于调整失业保险金标准的通知",
        "pageType": "PolicyPage",
    }
    assert policy_node["record"] is None
    assert policy_node["title"] == "关于调整失业保险金标准的通知"
    assert policy_node["urlPath"] == answered["policy"].get_url_parts()[2]


def test_without_a_public_column_a_record_has_no_path(graphql, answered, site_tree):
    site_tree.questions.unpublish()
    node = _search(graphql, q="失业保险金", filter={"contentType": ["QUESTION"]})[
        "edges"
    ][0]["node"]
    assert node["urlPath"] is None
    assert node["record"]["__typename"] == "PublishedQuestion"


def test_a_page_of_20_record_results_costs_the_same_queries_as_5(
    graphql, make_question, django_assert_max_num_queries
):
    for n in range(22):
        make_question(published=True, title=f"第{n}个关于失业保险金的咨询")
    counts = {}
    for first in (5, 20):
        with CaptureQueriesContext(connection) as captured:
            result = _search(
                graphql,
                q="失业保险金",
                first=first,
                filter={"contentType": ["QUESTION"]},
            )
        assert len(result["edges"]) == first
        assert all(e["node"]["record"]["department"] for e in result["edges"])
        counts[first] = len(captured)
    assert counts[20] <= counts[5], counts
    # Site, dictionary version, view restrictions; the match, the count and two
    # facets, the window's ids, the records; the 网上咨询 column and the Q&As'
    # places in it for the paths (3); the records again for the selection (topic
    # and department joined); the log row (3).
    with django_assert_max_num_queries(16):
        _search(graphql, q="失业保险金", first=20, filter={"contentType": ["QUESTION"]})


def test_a_withdrawn_question_is_not_returned(
    graphql, answered, django_capture_on_commit_callbacks
):
    Question.objects.filter(pk=answered["question"].pk).update(is_published=False)
    result = _search(graphql, q="失业保险金")
    assert [edge["node"]["contentType"] for edge in result["edges"]] == ["POLICY"]


def test_a_records_path_leads_to_the_column_page_listing_it(
    graphql, client, make_question
):
    made = [
        make_question(published=True, title=f"第{n}个关于失业保险金的咨询")
        for n in range(22)
    ]
    # One answer time for all: the column lists the newest row first.
    newest, oldest = made[-1], made[0]
    result = _search(
        graphql, q="失业保险金", first=30, filter={"contentType": ["QUESTION"]}
    )
    paths = {
        edge["node"]["record"]["id"]: edge["node"]["urlPath"]
        for edge in result["edges"]
    }
    assert paths[str(newest.pk)] == f"/zixun/#question-{newest.pk}"
    assert paths[str(oldest.pk)] == f"/zixun/?page=2#question-{oldest.pk}"
    for path in (paths[str(newest.pk)], paths[str(oldest.pk)]):
        page, anchor = path.split("#")
        response = client.get(page)
        assert response.status_code == 200
        assert f'id="{anchor}"' in response.content.decode()
