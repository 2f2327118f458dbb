"""The GraphQL side: matchPolicies (政策计算器), subscribing with field errors, the
subscriber's own data and its deletion, unsubscribing; profile subscriptions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cms.policylist.models import ItemCondition, PolicyListItem
from cms.subscriptions import services
from cms.subscriptions.models import (
    Consent,
    Message,
    MessageKind,
    Subscriber,
    Subscription,
)
from cms.subscriptions.tokens import make_token
from tests.subscriptions.standins import StandIn, WeChatLogin

MATCH = """
query ($profile: ProfileInput!) {
  matchPolicies(profile: $profile) {
    __typename
    ... on PolicyMatches {
      matched
      items {
        title verdict benefit benefitAmount policyTitle
        met { field description } unmet { field } unknown { field label }
      }
    }
    ... on ValidationErrors { errors { field message } }
  }
}
"""


def item(policy, title, conditions, **fields):
    made = PolicyListItem.objects.create(policy=policy, title=title, **fields)
    for order, (field, operator, value) in enumerate(conditions):
        ItemCondition.objects.create(
            item=made, field=field, operator=operator, value=value, sort_order=order
        )
    return made


@pytest.fixture
def list_items(publish, new_policy):
    policy = new_policy(title="关于促进青年就业创业的若干措施")
    item(
        policy,
        "一次性创业补贴",
        [("age", "lte", 35), ("hukou", "in", ["本区", "本市外区"])],
        benefit_amount=Decimal("5000"),
        benefit_unit="元",
    )
    item(
        policy,
        "求职创业补贴",
        [("years_since_graduation", "lte", 2), ("groups", "any", ["高校毕业生"])],
        benefit_text="每人 1500 元",
    )
    item(policy, "吸纳就业补贴", [("employees", "gte", 1)])
    return publish(policy)


def test_match_policies_answers_met_unmet_and_unknown_in_order(
    graphql, list_items, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        data = graphql(MATCH, {"profile": {"age": 28, "hukou": "本区"}})
    assert graphql.last_response["Cache-Control"].startswith("private")
    result = data["data"]["matchPolicies"]
    assert result["matched"] == 1
    assert [
        (i["title"], i["verdict"], i["benefit"], i["benefitAmount"])
        for i in result["items"]
    ] == [
        ("一次性创业补贴", "MATCH", "5000 元", 5000.0),
        ("吸纳就业补贴", "POSSIBLE", None, None),
        ("求职创业补贴", "POSSIBLE", "每人 1500 元", None),
    ]
    first, second, third = result["items"]
    assert first["met"] == [
        {"field": "age", "description": "年龄 小于等于 35 周岁"},
        {"field": "hukou", "description": "户籍 属于 本区、本市外区"},
    ]
    assert third["unknown"] == [
        {"field": "yearsSinceGraduation", "label": "毕业年限"},
        {"field": "groups", "label": "人员类别"},
    ]
    older = graphql(MATCH, {"profile": {"age": 40, "hukou": "本区"}})
    top = older["data"]["matchPolicies"]["items"]
    assert [(i["title"], i["verdict"]) for i in top][-1] == (
        "一次性创业补贴",
        "NO_MATCH",
    )
    assert top[-1]["unmet"] == [{"field": "age"}]


def test_match_policies_refuses_a_bad_profile_by_field(graphql, list_items):
    data = graphql(
        MATCH, {"profile": {"age": 300, "hukou": "火星", "groups": ["学生"]}}
    )
    assert data["data"]["matchPolicies"] == {
        "__typename": "ValidationErrors",
        "errors": [
            {"field": "profile.age", "message": "“年龄”应在 0～150 周岁之间"},
            {"field": "profile.hukou", "message": "“户籍”没有这些取值：火星"},
            {"field": "profile.groups", "message": "“人员类别”没有这些取值：学生"},
        ],
    }


SUBSCRIBE = """
mutation ($input: SubscribeInput!) {
  subscribe(input: $input) {
    __typename
    ... on SubscriptionReceipt { status needsConfirmation manageToken message }
    ... on ValidationErrors { errors { field message } }
  }
}
"""


def test_subscribe_errors_are_per_field_and_save_nothing(graphql, topics):
    data = graphql(
        SUBSCRIBE,
        {
            "input": {
                "channel": "EMAIL",
                "address": "not-an-address",
                "consent": True,
                "topicIds": [str(topics[0].pk)],
            }
        },
    )
    assert data["data"]["subscribe"]["errors"] == [
        {"field": "address", "message": "请填写有效的电子邮件地址"}
    ]
    data = graphql(
        SUBSCRIBE,
        {"input": {"channel": "SMS", "address": "13912345678", "consent": False}},
    )
    assert data["data"]["subscribe"]["errors"] == [
        {"field": "consent", "message": "须同意接收推送后才能订阅"}
    ]
    data = graphql(
        SUBSCRIBE,
        {
            "input": {
                "channel": "EMAIL",
                "address": "a@example.com",
                "consent": True,
                "topicIds": ["999999"],
                "profile": {"age": -1},
            }
        },
    )
    assert data["data"]["subscribe"]["errors"] == [
        {"field": "topicIds", "message": "没有这些主题分类：999999"}
    ]
    data = graphql(
        SUBSCRIBE,
        {
            "input": {
                "channel": "EMAIL",
                "address": "a@example.com",
                "consent": True,
                "profile": {"employees": -1},
            }
        },
    )
    assert data["data"]["subscribe"]["errors"] == [
        {"field": "profile.employees", "message": "“职工人数”应在 0～10000000 人之间"}
    ]
    assert not Subscriber.objects.exists() and not Message.objects.exists()


MY_DATA = """
query ($token: String!) {
  mySubscriptionData(token: $token) {
    __typename
    ... on SubscriberData {
      channel address status
      subscriptions { frequency matchAll topicIds profile active }
      consents { channel template source }
    }
    ... on ValidationErrors { errors { field message } }
  }
}
"""
DELETE = """
mutation ($token: String!) {
  deleteMySubscriptionData(token: $token) {
    __typename
    ... on SubscriptionDone { message }
    ... on ValidationErrors { errors { field message } }
  }
}
"""


def test_the_subscriber_sees_and_deletes_their_data(settings, graphql, topics):
    settings.WECHAT_TEMPLATES = {"change": "TPL-C", "digest": "TPL-D"}
    settings.WECHAT_APPID, settings.WECHAT_SECRET = "wx-app", "wx-secret"
    login = WeChatLogin(appid="wx-app", secret="wx-secret")
    with StandIn(login) as wechat:
        settings.WECHAT_API_BASE = wechat.url
        receipt = graphql(
            SUBSCRIBE,
            {
                "input": {
                    "channel": "WECHAT",
                    "wechatCode": login.issue("0a1B2c3D", "oAbCdEfGhIjKlMn"),
                    "consent": True,
                    "frequency": "WEEKLY",
                    "topicIds": [str(topics[0].pk)],
                    "profile": {"age": 30, "groups": ["高校毕业生"]},
                    "wechatTemplateIds": ["TPL-D"],
                }
            },
        )["data"]["subscribe"]
    assert receipt["status"] == "ACTIVE" and not receipt["needsConfirmation"]
    token = receipt["manageToken"]
    data = graphql(MY_DATA, {"token": token})["data"]["mySubscriptionData"]
    assert graphql.last_response["Cache-Control"].startswith("private")
    assert data == {
        "__typename": "SubscriberData",
        "channel": "WECHAT",
        "address": "oAbCdEfGhIjKlMn",
        "status": "ACTIVE",
        "subscriptions": [
            {
                "frequency": "WEEKLY",
                "matchAll": False,
                "topicIds": [str(topics[0].pk)],
                "profile": {"age": 30, "groups": ["高校毕业生"]},
                "active": True,
            }
        ],
        "consents": [
            {
                "channel": "WECHAT",
                "template": "TPL-D",
                "source": "小程序订阅消息授权（wx.requestSubscribeMessage）",
            }
        ],
    }
    bad = graphql(MY_DATA, {"token": token + "x"})["data"]["mySubscriptionData"]
    assert bad["errors"][0]["field"] == "token"

    done = graphql(DELETE, {"token": token})["data"]["deleteMySubscriptionData"]
    assert done == {
        "__typename": "SubscriptionDone",
        "message": "您的订阅数据已全部删除。",
    }
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists() and not Consent.objects.exists()
    again = graphql(MY_DATA, {"token": token})["data"]["mySubscriptionData"]
    assert again["__typename"] == "ValidationErrors"


def test_unsubscribe_by_token_stops_everything(graphql, follow, topics):
    subscriber = follow("u@example.com", topic_ids=[topics[0].pk])
    token = make_token(subscriber, "unsubscribe")
    data = graphql(
        "mutation ($t: String!) { unsubscribe(token: $t) { __typename } }",
        {"t": token},
    )
    assert data["data"]["unsubscribe"]["__typename"] == "SubscriptionDone"
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert not subscriber.subscriptions.filter(active=True).exists()
    assert subscriber.consents.get().withdrawn_at is not None


def test_a_saved_profile_is_told_about_list_items_it_qualifies_for(
    follow, publish, new_policy
):
    follow("young@example.com", profile={"age": 25, "hukou": "本区"})
    follow("old@example.com", profile={"age": 50, "hukou": "本区"})
    follow("unknown@example.com", profile={"hukou": "本区"})
    policy = new_policy(title="青年创业")
    item(policy, "创业补贴", [("age", "lte", 35), ("hukou", "eq", "本区")])
    publish(policy)
    assert set(
        Message.objects.filter(kind=MessageKind.CHANGE).values_list(
            "subscriber__address", flat=True
        )
    ) == {"young@example.com"}


def test_the_count_before_publishing_includes_matching_saved_profiles(
    client, superuser, follow, publish, new_policy, topics
):
    policy = new_policy(title="青年创业")
    item(policy, "创业补贴", [("age", "lte", 35), ("hukou", "eq", "本区")])
    policy = publish(policy, topics=[topics[0]])
    follow("young@example.com", profile={"age": 25, "hukou": "本区"})
    follow("old@example.com", profile={"age": 50, "hukou": "本区"})
    # Reached both by the topic and by the profile: counted once.
    both = follow("both@example.com", topic_ids=[topics[0].pk])
    services.subscribe(
        channel=both.channel,
        address=both.address,
        consent=True,
        profile={"age": 30, "hukou": "本区"},
    )
    follow("firm@example.com", topic_ids=[topics[0].pk], subject="enterprise")
    client.force_login(superuser)
    html = client.get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    assert "将推送给 <strong>2</strong> 人、<strong>1</strong> 家企业" in html
    # The same subscribers as the fan-out queues for a major change.
    Message.objects.all().delete()
    publish(policy, major_change=True, change_note="补贴提高")
    assert set(
        Message.objects.filter(kind=MessageKind.CHANGE).values_list(
            "subscriber__address", flat=True
        )
    ) == {"young@example.com", "both@example.com", "firm@example.com"}
