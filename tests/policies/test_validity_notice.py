"""The notice above a policy no longer in force (失效、废止、已修订): its date and its
successor, the same in the API, on the site template and however many are listed."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.core.choices import Disclosure
from cms.policies.models import (
    PolicyRelation,
    RelationType,
    ValidityOverride,
)
from tests.factories import PolicyPageFactory

LIST = """{ policies(first: 50) { edges { node {
  title validity validityNotice { validity since text } } } } }"""


def notices(graphql) -> dict[str, dict | None]:
    data = graphql(LIST)["data"]["policies"]["edges"]
    return {edge["node"]["title"]: edge["node"]["validityNotice"] for edge in data}


@pytest.fixture
def policies(site_tree, bureau):
    slugs = itertools.count(1)

    def make(title, **fields):
        return PolicyPageFactory(
            parent=site_tree.policies,
            issuers=[bureau],
            title=title,
            slug=f"policy-{next(slugs)}",
            **fields,
        )

    return make


def test_a_valid_policy_has_no_notice(graphql, policies):
    policies("有效的办法", expiry_date=datetime.date(2999, 1, 1))
    assert notices(graphql) == {"有效的办法": None}


def test_expired_on_its_date_the_notice_gives_that_date(graphql, policies):
    policies("到期的办法", expiry_date=datetime.date(2024, 6, 30))
    assert notices(graphql)["到期的办法"] == {
        "validity": "EXPIRED",
        "since": "2024-06-30",
        "text": "本文件已于2024年6月30日失效。",
    }


def test_declared_expired_without_a_date_says_so_without_one(graphql, policies):
    policies("宣布失效的办法", validity_override=ValidityOverride.EXPIRED)
    assert notices(graphql)["宣布失效的办法"] == {
        "validity": "EXPIRED",
        "since": None,
        "text": "本文件已失效。",
    }


def test_repealed_names_only_public_successors(client, graphql, policies):
    old = policies(
        "旧办法",
        validity_override=ValidityOverride.REPEALED,
        validity_date=datetime.date(2025, 1, 1),
    )
    public = policies("新办法", doc_number="闵人社规〔2025〕2号")
    withheld = policies(
        "内部办法",
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="内部管理信息",
    )
    for page in (public, withheld):
        PolicyRelation.objects.create(
            page=page, target=old, relation_type=RelationType.SUPERSEDES
        )
    expected = "本文件已于2025年1月1日废止，由《新办法》（闵人社规〔2025〕2号）替代。"
    assert notices(graphql)["旧办法"]["text"] == expected
    html = client.get(old.url).content.decode()
    assert expected in html and "内部办法" not in html


def test_amended_points_to_the_amending_policy_not_to_a_repealing_one(
    graphql, policies
):
    old = policies(
        "被修订的办法",
        validity_override=ValidityOverride.AMENDED,
        validity_date=datetime.date(2025, 3, 1),
    )
    amending = policies("修订决定", doc_number="")
    repealing = policies("另一办法", doc_number="")
    PolicyRelation.objects.create(
        page=amending, target=old, relation_type=RelationType.AMENDS
    )
    PolicyRelation.objects.create(
        page=repealing, target=old, relation_type=RelationType.SUPERSEDES
    )
    assert notices(graphql)["被修订的办法"]["text"] == (
        "本文件已于2025年3月1日修订，修订后的规定见《修订决定》。"
    )


def test_the_notice_costs_the_same_queries_however_many_policies(graphql, policies):
    def repeal(number):
        old = policies(
            f"旧办法{number}",
            validity_override=ValidityOverride.REPEALED,
            validity_date=datetime.date(2025, 1, 1),
        )
        new = policies(f"新办法{number}")
        PolicyRelation.objects.create(
            page=new, target=old, relation_type=RelationType.SUPERSEDES
        )

    def count(first):
        # A new page size each time: the response cache never answers.
        query = LIST.replace("first: 50", f"first: {first}")
        with CaptureQueriesContext(connection) as queries:
            edges = graphql(query)["data"]["policies"]["edges"]
        return len(queries), sum(1 for e in edges if e["node"]["validityNotice"])

    repeal(0)
    count(48)  # the site and content types, cached from then on
    one, found = count(47)
    assert found == 1
    for number in range(1, 6):
        repeal(number)
    count(46)  # the new pages changed the cache generation: kept reads read again
    assert count(45) == (one, 6)
