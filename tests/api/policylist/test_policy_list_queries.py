"""policyListItems(...), policyListItem(id) and policyListUpdatedAt through real HTTP."""

from __future__ import annotations

import datetime
import decimal

import pytest

from cms.core.choices import Disclosure
from cms.policylist.models import ItemCondition, PolicyListItem
from cms.taxonomy.models import Audience, Topic
from tests.factories import PolicyPageFactory
from tests.factories.pages import ServiceItemFactory

LIST = """
query ($filter: PolicyListItemFilter, $first: Int) {
  policyListItems(filter: $filter, first: $first) {
    totalCount
    edges { node {
      title policyExpired validityNote
      policy { title docNumber }
      serviceItem { name }
      audiences { name }
      benefit { amount unit text }
      conditions { field fieldLabel operator operatorLabel value description }
    } }
  }
  policyListUpdatedAt
}
"""


@pytest.fixture
def items(site_tree, policy, make_item):
    graduates = Audience.objects.get(name="高校毕业生")
    entrepreneurship = Topic.objects.get(slug="chuangye-fuchi")
    service = ServiceItemFactory(name="一次性创业补贴申领")
    startup = make_item(
        "一次性创业补贴",
        scope="在本区首次创办企业的高校毕业生",
        service_item=service,
        benefit_amount=decimal.Decimal("5000"),
        benefit_unit="元",
        benefit_text="一次性创业补贴 5000 元",
        conditions=[
            ("age", "lte", 35),
            ("hukou", "in", ["本区", "本市外区"]),
            ("insured", "is_true", None),
        ],
        sort_order=1,
    )
    startup.audiences.add(graduates)
    startup.topics.add(entrepreneurship)
    startup.save()  # parental many-to-many relations are written on save
    rent = make_item(
        "创业场地房租补贴",
        scope="租赁场地经营的初创企业",
        conditions=[("registered_years", "between", [0, 3])],
        sort_order=2,
    )
    old = PolicyPageFactory(
        parent=site_tree.policies,
        title="关于做好2021年创业补贴工作的通知",
        expiry_date=datetime.date(2023, 12, 31),
    )
    make_item("2021年创业补贴", policy=old, sort_order=3)
    withheld = PolicyPageFactory(
        parent=site_tree.policies,
        disclosure=Disclosure.NOT_PUBLIC,
        disclosure_basis="内部管理信息",
    )
    make_item("不予公开政策的清单项", policy=withheld)
    make_item("未发布的清单项", published=False)
    return {
        "startup": startup,
        "rent": rent,
        "graduates": graduates,
        "service": service,
    }


def node(title, *, expired=False, policy, conditions=(), **extra):
    return {
        "title": title,
        "policyExpired": expired,
        "validityNote": "所依据政策已失效" if expired else None,
        "policy": policy,
        "serviceItem": extra.get("serviceItem"),
        "audiences": extra.get("audiences", []),
        "benefit": extra.get("benefit"),
        "conditions": list(conditions),
    }


POLICY = {
    "title": "关于进一步做好创业担保贷款和创业补贴工作的通知",
    "docNumber": "闵人社规〔2025〕2号",
}
STARTUP = node(
    "一次性创业补贴",
    policy=POLICY,
    serviceItem={"name": "一次性创业补贴申领"},
    audiences=[{"name": "高校毕业生"}],
    benefit={"amount": "5000.00", "unit": "元", "text": "一次性创业补贴 5000 元"},
    conditions=[
        {
            "field": "age",
            "fieldLabel": "年龄",
            "operator": "LTE",
            "operatorLabel": "小于等于",
            "value": 35,
            "description": "年龄 小于等于 35 周岁",
        },
        {
            "field": "hukou",
            "fieldLabel": "户籍",
            "operator": "IN",
            "operatorLabel": "属于",
            "value": ["本区", "本市外区"],
            "description": "户籍 属于 本区、本市外区",
        },
        {
            "field": "insured",
            "fieldLabel": "正常缴纳社会保险",
            "operator": "IS_TRUE",
            "operatorLabel": "是",
            "value": None,
            "description": "正常缴纳社会保险：是",
        },
    ],
)
RENT = node(
    "创业场地房租补贴",
    policy=POLICY,
    conditions=[
        {
            "field": "registeredYears",
            "fieldLabel": "注册年限",
            "operator": "BETWEEN",
            "operatorLabel": "介于",
            "value": [0, 3],
            "description": "注册年限 介于 0～3 年",
        }
    ],
)


def test_the_public_list_with_conditions_and_last_change(
    graphql, items, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        data = graphql(LIST)["data"]
    # The last public item saved; items of expired policies are part of the list.
    latest = PolicyListItem.objects.get(title="2021年创业补贴").updated_at
    assert data["policyListItems"] == {
        "totalCount": 2,
        "edges": [{"node": STARTUP}, {"node": RENT}],
    }
    assert datetime.datetime.fromisoformat(data["policyListUpdatedAt"]) == latest


def test_expired_items_come_flagged_when_asked_for(graphql, items):
    data = graphql(LIST, {"filter": {"includeExpired": True}})["data"]
    titles = [
        (edge["node"]["title"], edge["node"]["validityNote"])
        for edge in data["policyListItems"]["edges"]
    ]
    assert titles == [
        ("一次性创业补贴", None),
        ("创业场地房租补贴", None),
        ("2021年创业补贴", "所依据政策已失效"),
    ]


@pytest.mark.parametrize(
    ("make_filter", "expected"),
    [
        (lambda items: {"audience": [str(items["graduates"].pk)]}, ["一次性创业补贴"]),
        (
            lambda items: {"topic": [str(Topic.objects.get(slug="chuangye-fuchi").pk)]},
            ["一次性创业补贴"],
        ),
        (
            lambda items: {"topic": [str(Topic.objects.get(slug="jiuye-chuangye").pk)]},
            ["一次性创业补贴"],
        ),
        (lambda items: {"serviceItem": [str(items["service"].pk)]}, ["一次性创业补贴"]),
        (lambda items: {"keyword": "房租"}, ["创业场地房租补贴"]),
        (lambda items: {"keyword": "担保贷款"}, ["一次性创业补贴", "创业场地房租补贴"]),
        (lambda items: {"audience": ["不是编号"]}, []),
    ],
)
def test_filters(graphql, items, make_filter, expected):
    data = graphql(LIST, {"filter": make_filter(items)})["data"]
    assert [e["node"]["title"] for e in data["policyListItems"]["edges"]] == expected


def test_one_item_and_not_public_ones(graphql, items):
    query = "query ($id: ID!) { policyListItem(id: $id) { title conditions { description } } }"
    startup = items["startup"]
    assert graphql(query, {"id": str(startup.pk)})["data"] == {
        "policyListItem": {
            "title": "一次性创业补贴",
            "conditions": [
                {"description": "年龄 小于等于 35 周岁"},
                {"description": "户籍 属于 本区、本市外区"},
                {"description": "正常缴纳社会保险：是"},
            ],
        }
    }
    hidden = PolicyListItem.objects.get(title="未发布的清单项")
    withheld = PolicyListItem.objects.get(title="不予公开政策的清单项")
    for pk in (hidden.pk, withheld.pk, "x"):
        assert graphql(query, {"id": str(pk)})["data"] == {"policyListItem": None}


def test_a_changed_condition_shows_at_once(graphql, items):
    query = (
        "{ policyListItems { edges { node { title conditions { description } } } } }"
    )
    graphql(query)
    ItemCondition.objects.filter(item=items["rent"]).update(value=[0, 5])
    # update() sends no signal; a save does, and invalidates the cached response.
    condition = ItemCondition.objects.get(item=items["rent"])
    condition.save()
    data = graphql(query)["data"]
    assert data["policyListItems"]["edges"][1]["node"]["conditions"] == [
        {"description": "注册年限 介于 0～5 年"}
    ]
