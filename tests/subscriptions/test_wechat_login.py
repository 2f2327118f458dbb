"""A WeChat subscriber is who WeChat says: the wx.login() code is exchanged at
jscode2session (a local stand-in speaking its protocol) for the openid, and every
failure is a field error on wechatCode with nothing stored."""

from __future__ import annotations

import socket
import threading

import pytest

from cms.subscriptions.models import Consent, Subscriber, Subscription
from tests.subscriptions.standins import StandIn, WeChatLogin

SUBSCRIBE = """
mutation ($input: SubscribeInput!) {
  subscribe(input: $input) {
    __typename
    ... on SubscriptionReceipt { status needsConfirmation manageToken message }
    ... on ValidationErrors { errors { field message } }
  }
}
"""
MY_DATA = """
query ($token: String!) {
  mySubscriptionData(token: $token) {
    ... on SubscriberData { channel address status consents { template } }
  }
}
"""
OPENID = "oWx-0123456789abcdef"


@pytest.fixture
def wechat(settings):
    settings.WECHAT_APPID, settings.WECHAT_SECRET = "wx-app", "wx-secret"
    settings.WECHAT_TEMPLATES = {"change": "TPL-C", "digest": "TPL-D"}
    settings.SUBSCRIPTIONS_TRUST_CLIENT_OPENID = False
    login = WeChatLogin(appid="wx-app", secret="wx-secret")
    with StandIn(login) as standin:
        settings.WECHAT_API_BASE = standin.url
        standin.login = login
        yield standin


def subscribe_input(topics, **fields):
    return {
        "input": {
            "channel": "WECHAT",
            "consent": True,
            "topicIds": [str(topics[0].pk)],
            "wechatTemplateIds": ["TPL-C"],
            **fields,
        }
    }


def nothing_stored():
    return not (
        Subscriber.objects.exists()
        or Subscription.objects.exists()
        or Consent.objects.exists()
    )


def test_the_code_is_exchanged_for_the_openid(graphql, wechat, topics):
    code = wechat.login.issue("081aBcDeF0gHiJ", OPENID)
    receipt = graphql(SUBSCRIBE, subscribe_input(topics, wechatCode=code))["data"][
        "subscribe"
    ]
    assert receipt["__typename"] == "SubscriptionReceipt"
    assert (receipt["status"], receipt["needsConfirmation"]) == ("ACTIVE", False)
    [call] = wechat.requests
    assert (call.method, call.path) == ("GET", "/sns/jscode2session")
    assert call.query == {
        "appid": "wx-app",
        "secret": "wx-secret",
        "js_code": code,
        "grant_type": "authorization_code",
    }
    subscriber = Subscriber.objects.get()
    assert (subscriber.channel, subscriber.address) == ("wechat", OPENID)
    data = graphql(MY_DATA, {"token": receipt["manageToken"]})["data"]
    assert data["mySubscriptionData"] == {
        "channel": "WECHAT",
        "address": OPENID,
        "status": "ACTIVE",
        "consents": [{"template": "TPL-C"}],
    }
    # Neither the session_key nor the unionid is kept about the subscriber.
    [answer] = wechat.login.answers
    kept = repr(
        [list(model.objects.values()) for model in (Subscriber, Subscription, Consent)]
    )
    assert OPENID in kept
    assert answer["session_key"] not in kept and answer["unionid"] not in kept

    # The same user again (a new code): the same subscriber, a second subscription.
    again = wechat.login.issue("081kLmNoP1qRsT", OPENID)
    second = graphql(SUBSCRIBE, subscribe_input(topics, wechatCode=again))["data"]
    assert second["subscribe"]["__typename"] == "SubscriptionReceipt"
    assert Subscriber.objects.count() == 1 and Subscription.objects.count() == 2


@pytest.mark.parametrize(
    ("script", "message"),
    [
        (None, "登录凭证无效或已过期，请重新进入小程序"),  # never issued: 40029
        ((40029, "invalid code"), "登录凭证无效或已过期，请重新进入小程序"),
        ((-1, "system error"), "微信服务繁忙，请稍后再试"),
        ((45011, "api minute-quota reach limit"), "登录过于频繁，请稍后再试"),
        ((40226, "high risk user"), "微信判定该账号存在风险，暂不能在此订阅"),
    ],
)
def test_a_refused_code_is_a_field_error_and_stores_nothing(
    graphql, wechat, topics, script, message
):
    if script:
        wechat.login.errors["081bad"] = script
    result = graphql(SUBSCRIBE, subscribe_input(topics, wechatCode="081bad"))
    assert result["data"]["subscribe"] == {
        "__typename": "ValidationErrors",
        "errors": [{"field": "wechatCode", "message": message}],
    }
    assert len(wechat.requests) == 1
    assert nothing_stored()


def test_a_used_code_is_refused(graphql, wechat, topics):
    code = wechat.login.issue("081once", OPENID)
    first = graphql(SUBSCRIBE, subscribe_input(topics, wechatCode=code))["data"]
    assert first["subscribe"]["__typename"] == "SubscriptionReceipt"
    again = graphql(SUBSCRIBE, subscribe_input(topics, wechatCode=code))["data"]
    assert again["subscribe"]["errors"] == [
        {"field": "wechatCode", "message": "登录凭证无效或已过期，请重新进入小程序"}
    ]
    assert Subscription.objects.count() == 1


def test_a_wrong_secret_is_the_sites_problem_not_the_users(
    settings, graphql, wechat, topics
):
    settings.WECHAT_SECRET = "rotated-secret"
    code = wechat.login.issue("081aBc", OPENID)
    result = graphql(SUBSCRIBE, subscribe_input(topics, wechatCode=code))
    assert result["data"]["subscribe"]["errors"] == [
        {"field": "wechatCode", "message": "暂时无法连接微信登录服务，请稍后再试"}
    ]
    assert nothing_stored()


def test_other_mistakes_are_reported_before_the_code_is_spent(graphql, wechat, topics):
    code = wechat.login.issue("081keep", OPENID)
    result = graphql(
        SUBSCRIBE, subscribe_input(topics, wechatCode=code, wechatTemplateIds=[])
    )
    assert result["data"]["subscribe"]["errors"] == [
        {
            "field": "wechatTemplateIds",
            "message": "请先在小程序中授权本局的订阅消息模板",
        }
    ]
    assert wechat.requests == [] and nothing_stored()
    # The user fixes it and the same code still works.
    fixed = graphql(SUBSCRIBE, subscribe_input(topics, wechatCode=code))["data"]
    assert fixed["subscribe"]["__typename"] == "SubscriptionReceipt"


def test_an_unreachable_login_service_is_a_clear_error(settings, graphql, topics):
    settings.WECHAT_APPID, settings.WECHAT_SECRET = "wx-app", "wx-secret"
    settings.WECHAT_TEMPLATES = {"change": "TPL-C"}
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        settings.WECHAT_API_BASE = f"http://127.0.0.1:{closed.getsockname()[1]}"
        result = graphql(SUBSCRIBE, subscribe_input(topics, wechatCode="081abc"))
    assert result["data"]["subscribe"]["errors"] == [
        {"field": "wechatCode", "message": "暂时无法连接微信登录服务，请稍后再试"}
    ]
    assert nothing_stored()


def test_a_login_service_that_does_not_answer_times_out(settings, graphql, topics):
    settings.WECHAT_APPID, settings.WECHAT_SECRET = "wx-app", "wx-secret"
    settings.WECHAT_TEMPLATES = {"change": "TPL-C"}
    settings.WECHAT_LOGIN_TIMEOUT = 0.2
    release = threading.Event()

    def hang(received):
        release.wait(30)  # answers only after the test has given up on it
        return 200, {"openid": OPENID, "session_key": "x"}

    with StandIn(hang) as standin:
        settings.WECHAT_API_BASE = standin.url
        try:
            result = graphql(SUBSCRIBE, subscribe_input(topics, wechatCode="081abc"))
        finally:
            release.set()
    assert len(standin.requests) == 1
    assert result["data"]["subscribe"]["errors"] == [
        {"field": "wechatCode", "message": "暂时无法连接微信登录服务，请稍后再试"}
    ]
    assert nothing_stored()


def test_an_openid_the_client_states_is_refused_unless_trusted(
    settings, graphql, wechat, topics
):
    stated = subscribe_input(topics, address=OPENID)
    result = graphql(SUBSCRIBE, stated)["data"]["subscribe"]
    assert result["errors"] == [
        {
            "field": "wechatCode",
            "message": "请在小程序中登录后订阅（须提供 wx.login 的登录凭证）",
        }
    ]
    assert wechat.requests == [] and nothing_stored()

    # A local demo without a mini-program (SUBSCRIPTIONS_TRUST_CLIENT_OPENID, on
    # with DEBUG) takes it as it is.
    settings.SUBSCRIPTIONS_TRUST_CLIENT_OPENID = True
    trusted = graphql(SUBSCRIBE, stated)["data"]["subscribe"]
    assert trusted["__typename"] == "SubscriptionReceipt"
    assert Subscriber.objects.get().address == OPENID
    # Even then a code, when given, is what counts.
    code = wechat.login.issue("081real", "oWx-someone-else-0001")
    graphql(SUBSCRIBE, subscribe_input(topics, address=OPENID, wechatCode=code))
    assert sorted(Subscriber.objects.values_list("address", flat=True)) == [
        "oWx-0123456789abcdef",
        "oWx-someone-else-0001",
    ]


def test_the_login_is_not_configured(settings, graphql, topics):
    settings.WECHAT_APPID = ""
    settings.WECHAT_TEMPLATES = {"change": "TPL-C"}
    settings.SUBSCRIPTIONS_TRUST_CLIENT_OPENID = False
    result = graphql(SUBSCRIBE, subscribe_input(topics, wechatCode="081abc"))
    assert result["data"]["subscribe"]["errors"] == [
        {
            "field": "wechatCode",
            "message": "本站尚未开通小程序登录，暂不能通过小程序订阅",
        }
    ]
    assert nothing_stored()


TOKEN = """
mutation ($code: String!) {
  wechatSubscriberToken(wechatCode: $code) {
    __typename
    ... on SubscriberToken { status manageToken }
    ... on ValidationErrors { errors { field message } }
  }
}
"""
DELETE = """
mutation ($token: String!) {
  deleteMySubscriptionData(token: $token) { __typename }
}
"""


def test_a_wechat_subscriber_logs_in_for_a_new_manage_token(graphql, wechat, topics):
    unknown = wechat.login.issue("081first", OPENID)
    result = graphql(TOKEN, {"code": unknown})["data"]["wechatSubscriberToken"]
    assert result == {
        "__typename": "ValidationErrors",
        "errors": [
            {"field": "wechatCode", "message": "您还没有在本小程序订阅政策推送"}
        ],
    }
    code = wechat.login.issue("081second", OPENID)
    graphql(SUBSCRIBE, subscribe_input(topics, wechatCode=code))
    someone_else = wechat.login.issue("081other", "oWx-someone-else-0001")
    graphql(SUBSCRIBE, subscribe_input(topics, wechatCode=someone_else))

    login = wechat.login.issue("081third", OPENID)
    result = graphql(TOKEN, {"code": login})["data"]["wechatSubscriberToken"]
    assert result["__typename"] == "SubscriberToken" and result["status"] == "ACTIVE"
    data = graphql(MY_DATA, {"token": result["manageToken"]})["data"]
    assert data["mySubscriptionData"]["address"] == OPENID
    # A used code opens nothing.
    reused = graphql(TOKEN, {"code": login})["data"]["wechatSubscriberToken"]
    assert reused["errors"][0]["field"] == "wechatCode"

    done = graphql(DELETE, {"token": result["manageToken"]})["data"]
    assert done["deleteMySubscriptionData"]["__typename"] == "SubscriptionDone"
    assert list(Subscriber.objects.values_list("address", flat=True)) == [
        "oWx-someone-else-0001"
    ]


def test_trusting_client_openids_outside_debug_is_warned(settings):
    from django.core.checks import run_checks

    def ids():
        return [m.id for m in run_checks() if m.id.startswith("subscriptions.")]

    settings.DEBUG, settings.SUBSCRIPTIONS_TRUST_CLIENT_OPENID = False, False
    assert ids() == []
    settings.DEBUG = True
    settings.SUBSCRIPTIONS_TRUST_CLIENT_OPENID = True
    assert ids() == []
    settings.DEBUG = False
    assert ids() == ["subscriptions.W001"]
