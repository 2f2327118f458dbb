"""Benefit standards in the public search: found by 待遇项目, 类别 and basis policy,
only while the basis policy is public (live, 主动公开); a hit links to the policy."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from cms.benefits.models import BenefitStandard, Scheme
from cms.core.choices import Disclosure
from tests.factories import PolicyPageFactory

D = datetime.date
SEARCH = """
query ($q: String!) {
  search(query: $q, filter: {contentType: [BENEFIT_STANDARD]}) {
    totalCount
    edges { node {
      contentType title urlPath
      record { __typename ... on BenefitStandard {
        scheme category amount previousAmount disclosureDue disclosedOn
      } }
    } }
  }
}
"""


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0


def make(policy, category, amount, start, decided):
    standard = BenefitStandard(
        scheme=Scheme.LAND_PENSION,
        category=category,
        amount=Decimal(amount),
        effective_from=start,
        basis_policy=policy,
        decision_date=decided,
    )
    standard.full_clean()
    standard.save()
    return standard


def test_standards_are_found_while_their_basis_policy_is_public(
    graphql, site_tree, django_capture_on_commit_callbacks
):
    policy = PolicyPageFactory(
        parent=site_tree.policies,
        title="关于调整2025年本市征地养老人员生活费标准的通知",
        written_date=D(2025, 6, 5),
        publish_date=D(2025, 6, 12),
    )
    withheld = PolicyPageFactory(
        parent=site_tree.policies,
        title="关于征地养老人员生活费标准的内部测算说明",
        written_date=D(2025, 6, 5),
        publish_date=D(2025, 6, 12),
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="《中华人民共和国政府信息公开条例》第二十七条",
    )
    draft = PolicyPageFactory(
        parent=site_tree.policies,
        title="关于调整2026年本市征地养老人员生活费标准的通知",
        live=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        make(policy, "月生活费（征地养老）", "1700", D(2025, 1, 1), D(2025, 6, 5))
        make(
            withheld, "月生活费（征地养老）高龄补贴", "30", D(2025, 1, 1), D(2025, 6, 5)
        )
        make(draft, "月生活费（征地养老）2026", "1795", D(2026, 1, 1), D(2026, 6, 4))
    body = graphql(SEARCH, {"q": "征地养老 月生活费"})
    assert body["data"]["search"] == {
        "totalCount": 1,
        "edges": [
            {
                "node": {
                    "contentType": "BENEFIT_STANDARD",
                    "title": "征地养老 月生活费（征地养老） 1700 元/月（2025-01-01 起执行）",
                    "urlPath": policy.url,
                    "record": {
                        "__typename": "BenefitStandard",
                        "scheme": "LAND_PENSION",
                        "category": "月生活费（征地养老）",
                        "amount": "1700.00",
                        "previousAmount": None,
                        "disclosureDue": "2025-07-03",
                        "disclosedOn": "2025-06-12",
                    },
                }
            }
        ],
    }
    # Publishing the draft policy brings its standard into the search.
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    found = graphql(SEARCH, {"q": "征地养老 月生活费"})["data"]["search"]
    assert found["totalCount"] == 2
    # Unpublishing a policy takes its standards out again.
    with django_capture_on_commit_callbacks(execute=True):
        policy.unpublish()
    found = graphql(SEARCH, {"q": "征地养老 月生活费"})["data"]["search"]
    assert [edge["node"]["record"]["amount"] for edge in found["edges"]] == ["1795.00"]
