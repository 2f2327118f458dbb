"""The demo 就业创业政策清单: loaded with the demo content, linked to demo policies,
its conditions what matchPolicies (政策计算器) matches a sample profile on; the item
of an expired policy is flagged in the list and left out of the calculator."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.demo.policylist import ITEMS, load_policy_list_demo
from cms.policylist.models import ItemCondition, PolicyListItem

LIST = """
{
  policyListUpdatedAt
  policyListItems(filter: {includeExpired: true}, first: 100) {
    totalCount
    edges { node { title policyExpired validityNote policy { title } } }
  }
}
"""

MATCH = """
query ($profile: ProfileInput!) {
  matchPolicies(profile: $profile, includeUnmet: false) {
    ... on PolicyMatches {
      matched
      items { title verdict benefitAmount unmet { field } unknown { field } }
    }
    ... on ValidationErrors { errors { field message } }
  }
}
"""


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0


@pytest.fixture
def demo(db):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def test_the_demo_list_loads_once_and_feeds_the_calculator(demo, graphql):
    """One test: the demo takes a while to load."""
    _the_list_loads_once_linked_to_demo_policies(graphql)
    _match_policies_on_sample_profiles_returns_sensible_items(graphql)


def _the_list_loads_once_linked_to_demo_policies(graphql):
    assert PolicyListItem.objects.count() == len(ITEMS)
    # Loading again changes nothing.
    again = load_policy_list_demo()
    assert (again.created, again.updated, again.unchanged, again.failed) == (
        0,
        0,
        len(ITEMS),
        0,
    )
    startup = PolicyListItem.objects.get(title="一次性创业补贴")
    assert startup.policy.doc_number == "闵府办发〔2025〕7号"
    assert startup.policy.live
    assert startup.service_item.code == "310112003010"
    assert startup.conditions_text() == (
        "年龄 介于 16-35；毕业年限 小于等于 5；就业状态 等于 自主创业；"
        "户籍 属于 本区,本市外区；正常缴纳社会保险 是"
    )
    assert ItemCondition.objects.filter(item__in=PolicyListItem.objects.all()).count()

    data = graphql(LIST)["data"]
    assert data["policyListUpdatedAt"] is not None
    nodes = data["policyListItems"]["edges"]
    assert data["policyListItems"]["totalCount"] == len(ITEMS)
    expired = {n["node"]["title"]: n["node"]["validityNote"] for n in nodes}
    # The 2025 稳岗返还 notice ran until 2025-12-31.
    assert timezone.localdate().isoformat() > "2025-12-31"
    assert {t: note for t, note in expired.items() if note} == {
        "失业保险稳岗返还": "所依据政策已失效"
    }


def _match_policies_on_sample_profiles_returns_sensible_items(graphql):
    graduate = {
        "age": 24,
        "hukou": "本市外区",
        "employmentStatus": "自主创业",
        "graduationYear": timezone.localdate().year - 1,
        "insured": True,
        "groups": ["高校毕业生"],
    }
    result = graphql(MATCH, {"profile": graduate})["data"]["matchPolicies"]
    full = [i["title"] for i in result["items"] if i["verdict"] == "MATCH"]
    assert full == ["一次性创业补贴", "创业担保贷款及贴息（个人）"]
    assert result["matched"] == 2
    first = result["items"][0]
    assert (first["benefitAmount"], first["unmet"], first["unknown"]) == (8000, [], [])
    titles = {i["title"] for i in result["items"]}
    # Not unemployed, not an enterprise's item that the profile contradicts.
    assert "失业保险金" not in titles
    assert "就业见习补贴" not in titles

    enterprise = {
        "enterpriseSize": "小型",
        "registeredYears": 2,
        "registeredInDistrict": True,
        "paysInsurance": True,
        "newHires": 3,
    }
    result = graphql(MATCH, {"profile": enterprise})["data"]["matchPolicies"]
    full = {i["title"] for i in result["items"] if i["verdict"] == "MATCH"}
    assert full == {
        "创业担保贷款及贴息（小微企业）",
        "创业场地房租补贴",
        "见习留用奖励",
        "一次性吸纳就业补贴",
        "招用就业困难人员吸纳补贴",
    }
    # The expired 稳岗返还 is listed (flagged) but never matched.
    assert "失业保险稳岗返还" not in {i["title"] for i in result["items"]}
