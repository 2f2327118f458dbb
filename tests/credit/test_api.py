"""creditDecisions / creditDecision / creditMonthStatements through /graphql/:
masked in every field, public only while published and within the period."""

from __future__ import annotations

import datetime

import pytest

from cms.credit.models import DecisionKind, DecisionStatus, PartyType, Severity

from .conftest import resident_id

pytestmark = pytest.mark.django_db

FIELDS = """
  id kind documentNumber partyName partyType partyIdentifier content basis
  penaltyType fineAmount decisionContent decisionDate authority validFrom
  validUntil severity publicityEnd
"""
LIST = (
    "query($filter: CreditDecisionFilter, $after: String) {"
    " creditDecisions(filter: $filter, first: 2, after: $after) {"
    f" totalCount edges {{ cursor node {{ {FIELDS} }} }}"
    " pageInfo { hasNextPage endCursor } } }"
)
ID = resident_id()
MASKED_ID = "110***********" + ID[-4:]


@pytest.fixture(autouse=True)
def _today(set_today):
    set_today(datetime.date(2026, 4, 1))


def nodes(result) -> list[dict]:
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["creditDecisions"]["edges"]]


def test_every_field_of_a_natural_person_is_masked(graphql, make_decision):
    decision = make_decision(
        party_name="张三丰",
        party_type=PartyType.NATURAL_PERSON,
        id_number=ID,
        content=f"张三丰（身份证号码{ID}）从事非法职业中介活动。",
        basis="《人力资源市场暂行条例》第四十二条",
        decision_content="对张三丰罚款人民币5000元",
        fine_amount=5000,
    )
    result = graphql(LIST)
    assert nodes(result) == [
        {
            "id": str(decision.pk),
            "kind": "PENALTY",
            "documentNumber": decision.document_number,
            "partyName": "张某某",
            "partyType": "NATURAL_PERSON",
            "partyIdentifier": MASKED_ID,
            "content": f"张某某（身份证号码{MASKED_ID}）从事非法职业中介活动。",
            "basis": "《人力资源市场暂行条例》第四十二条",
            "penaltyType": "罚款",
            "fineAmount": "5000.00",
            "decisionContent": "对张某某罚款人民币5000元",
            "decisionDate": "2026-03-02",
            "authority": "上海市闵行区人力资源和社会保障局",
            "validFrom": None,
            "validUntil": None,
            "severity": "GENERAL",
            "publicityEnd": "2027-03-02",
        }
    ]
    body = graphql.last_response.content.decode()
    assert "张三丰" not in body and ID not in body
    # The keyword never matches the raw name.
    assert nodes(graphql(LIST, {"filter": {"keyword": "张三丰"}})) == []
    assert len(nodes(graphql(LIST, {"filter": {"keyword": "张某某"}}))) == 1
    detail = graphql(
        f"query($id: ID!) {{ creditDecision(id: $id) {{ {FIELDS} }} }}",
        {"id": str(decision.pk)},
    )
    assert detail["data"]["creditDecision"] == nodes(result)[0]


def test_only_published_decisions_within_their_period_are_listed(
    graphql, make_decision
):
    licence = make_decision(
        kind=DecisionKind.LICENSE, decision_date=datetime.date(2020, 1, 6)
    )
    general = make_decision(decision_date=datetime.date(2026, 3, 20))
    serious = make_decision(
        severity=Severity.SERIOUS, decision_date=datetime.date(2024, 1, 8)
    )
    make_decision(severity=Severity.MINOR)  # 轻微失信: 不予公示
    make_decision(decision_date=datetime.date(2025, 3, 31))  # ended yesterday
    make_decision(is_published=False)
    make_decision(status=DecisionStatus.REVOKED)
    make_decision(kind=DecisionKind.LICENSE, status=DecisionStatus.CANCELLED)

    first = graphql(LIST)
    page = first["data"]["creditDecisions"]
    assert page["totalCount"] == 3
    assert [n["id"] for n in nodes(first)] == [str(general.pk), str(serious.pk)]
    after = graphql(LIST, {"after": page["pageInfo"]["endCursor"]})
    assert [n["id"] for n in nodes(after)] == [str(licence.pk)]
    assert after["data"]["creditDecisions"]["pageInfo"]["hasNextPage"] is False


def test_filters(graphql, make_decision):
    licence = make_decision(
        kind=DecisionKind.LICENSE, decision_date=datetime.date(2026, 1, 5)
    )
    march = make_decision(decision_date=datetime.date(2026, 3, 2))
    other = make_decision(
        decision_date=datetime.date(2026, 2, 2),
        authority="上海市人力资源和社会保障局",
        content="骗取失业保险金。",
    )

    def ids(filter_) -> list[str]:
        return [n["id"] for n in nodes(graphql(LIST, {"filter": filter_}))]

    assert ids({"kind": "LICENSE"}) == [str(licence.pk)]
    assert ids({"decisionDate": {"from": "2026-02-01", "to": "2026-02-28"}}) == [
        str(other.pk)
    ]
    assert ids({"authority": "上海市人力资源和社会保障局"}) == [str(other.pk)]
    assert ids({"keyword": "失业保险"}) == [str(other.pk)]
    assert ids({"keyword": march.document_number}) == [str(march.pk)]
    too_long = graphql(LIST, {"filter": {"keyword": "长" * 51}})
    assert (
        too_long["errors"][0]["message"]
        == "filter.keyword 最多 50 个字，收到 51 个字。"
    )


def test_the_list_query_count_is_pinned(
    graphql, make_decision, django_assert_max_num_queries
):
    for day in range(2, 12):
        make_decision(decision_date=datetime.date(2026, 3, day))
    with django_assert_max_num_queries(2):
        result = graphql(LIST.replace("first: 2", "first: 10"))
    assert len(nodes(result)) == 10


def test_a_month_without_penalties_publishes_the_statement(graphql, make_decision):
    make_decision(decision_date=datetime.date(2026, 1, 12))
    make_decision(decision_date=datetime.date(2026, 3, 3), severity=Severity.MINOR)
    make_decision(kind=DecisionKind.LICENSE, decision_date=datetime.date(2026, 2, 9))
    make_decision(decision_date=datetime.date(2026, 4, 1))  # the month is not over
    result = graphql(
        "{ creditMonthStatements(year: 2026) { year month hasPenalties statement } }"
    )
    assert result["data"]["creditMonthStatements"] == [
        {"year": 2026, "month": 1, "hasPenalties": True, "statement": None},
        {
            "year": 2026,
            "month": 2,
            "hasPenalties": False,
            "statement": "2026年2月本月无行政处罚案件",
        },
        {"year": 2026, "month": 3, "hasPenalties": True, "statement": None},
    ]
    bad = graphql("{ creditMonthStatements(year: 99999) { month } }")
    assert (
        bad["errors"][0]["message"] == "year 应为 1000 至 9999 之间的年份，收到 99999。"
    )


SEARCH = """
query ($q: String!) {
  search(query: $q, filter: {contentType: [CREDIT_DECISION]}) {
    totalCount
    edges { node {
      contentType title urlPath highlightedTitle snippet
      record { __typename ... on CreditDecision { id partyName content } }
    } }
  }
}
"""


def test_search_results_and_highlights_are_masked(
    graphql, make_decision, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = make_decision(
            party_name="张三丰",
            party_type=PartyType.NATURAL_PERSON,
            id_number=ID,
            content=f"张三丰（身份证号码{ID}）从事非法职业中介活动。",
        )
    result = graphql(SEARCH, {"q": "非法职业中介"})
    assert "errors" not in result, result
    node = result["data"]["search"]["edges"][0]["node"]
    assert node["contentType"] == "CREDIT_DECISION"
    assert node["title"] == f"行政处罚决定 {decision.document_number} 张某某"
    assert node["urlPath"] is None
    assert node["record"] == {
        "__typename": "CreditDecision",
        "id": str(decision.pk),
        "partyName": "张某某",
        "content": f"张某某（身份证号码{MASKED_ID}）从事非法职业中介活动。",
    }
    assert "<em>" in node["snippet"]
    body = graphql.last_response.content.decode()
    assert "张三丰" not in body and ID not in body
    assert graphql(SEARCH, {"q": "张三丰"})["data"]["search"]["totalCount"] == 0
