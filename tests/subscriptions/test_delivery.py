"""Delivery from the outbox over each channel's real protocol, against local
stand-ins: SMTP (aiosmtpd), Aliyun SendSms, WeChat 订阅消息; consent per channel and
per template; retries with backoff."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.utils import timezone

from cms.subscriptions import services
from cms.subscriptions.delivery import deliver_due
from cms.subscriptions.models import (
    Channel,
    Consent,
    DeliveryStat,
    Message,
    MessageKind,
    MessageStatus,
)
from tests.participation.smtp import RecordingSMTPServer

from .standins import StandIn, aliyun_signature_ok


@pytest.fixture
def smtp(settings):
    with RecordingSMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_TIMEOUT = 5
        yield server


def test_email_double_opt_in_then_the_change_over_smtp(
    smtp, client, publish, new_policy, topics
):
    subscribed = services.subscribe(
        channel=Channel.EMAIL,
        address="Zhang.San@Example.COM",
        consent=True,
        topic_ids=[topics[0].pk],
    )
    assert subscribed.needs_confirmation
    policy = publish(new_policy(title="就业补贴新政"), topics=[topics[0]])
    # Not confirmed yet: the publication reaches nobody, only the confirmation goes.
    assert not Message.objects.filter(kind=MessageKind.CHANGE).exists()
    assert deliver_due() == {"sent": 1, "failed": 0, "refused": 0}
    ((rcpts, mail),) = smtp.messages
    assert rcpts == ["Zhang.San@example.com"]
    assert mail["Subject"] == "请确认订阅政策推送"
    link = re.search(r"http://\S+/subscriptions/confirm/\S+/", mail.get_content())[0]
    path = link.split("8000", 1)[1]

    assert "确认订阅" in client.get(path).content.decode()  # a GET changes nothing
    assert not Consent.objects.exists()
    assert "订阅已确认" in client.post(path).content.decode()
    consent = Consent.objects.get()
    assert (consent.channel, consent.source) == ("email", "打开确认链接（双重确认）")

    publish(policy, major_change=True, change_note="申领期限延长至年底")
    assert deliver_due() == {"sent": 1, "failed": 0, "refused": 0}
    rcpts, mail = smtp.messages[1]
    assert mail["Subject"] == "政策推送：就业补贴新政"
    body = mail.get_content()
    assert "【重大变更】就业补贴新政" in body and "变更说明：申领期限延长至年底" in body
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["X-Idempotency-Key"].startswith("change:")
    unsubscribe = mail["List-Unsubscribe"].strip("<>").split("8000", 1)[1]
    assert "已退订" in client.post(unsubscribe).content.decode()
    assert DeliveryStat.objects.get(channel="email").sent == 2
    assert DeliveryStat.objects.get(channel="email").unsubscribed == 1


def test_sms_through_aliyun_sendsms_with_a_valid_signature(
    settings, client, publish, new_policy, topics
):
    def respond(received):
        if not aliyun_signature_ok(received.form(), "sk-test"):
            return 200, {"Code": "SignatureDoesNotMatch", "Message": "签名不匹配"}
        return 200, {"Code": "OK", "Message": "OK", "BizId": "1", "RequestId": "r"}

    with StandIn(respond) as aliyun:
        settings.SMS_API_BASE = aliyun.url
        settings.SMS_ACCESS_KEY_ID = "ak-test"
        settings.SMS_ACCESS_KEY_SECRET = "sk-test"
        settings.SMS_TEMPLATES = {
            "confirm": "SMS_1",
            "change": "SMS_2",
            "digest": "SMS_3",
        }
        subscribed = services.subscribe(
            channel=Channel.SMS,
            address="+86 139-1234-5678",
            consent=True,
            topic_ids=[topics[0].pk],
        )
        assert deliver_due()["sent"] == 1
        services.confirm(subscriber=subscribed.subscriber)
        publish(new_policy(title="稳岗返还政策"), topics=[topics[0]])
        assert deliver_due() == {"sent": 1, "failed": 0, "refused": 0}

    confirm, change = (r.form() for r in aliyun.requests)
    assert (confirm["TemplateCode"], confirm["PhoneNumbers"]) == (
        "SMS_1",
        "13912345678",
    )
    assert change["Action"] == "SendSms" and change["Version"] == "2017-05-25"
    assert change["SignName"] == "闵行人社"
    params = json.loads(change["TemplateParam"])
    assert params["thing1"] == "稳岗返还政策" and params["phrase2"] == "新发布"
    assert change["OutId"].startswith("change:")


def test_a_refused_signature_is_retried_with_backoff(settings, publish, new_policy):
    with StandIn(lambda r: (200, {"Code": "SignatureDoesNotMatch"})) as aliyun:
        settings.SMS_API_BASE = aliyun.url
        settings.SMS_TEMPLATES = {"confirm": "SMS_1", "change": "", "digest": ""}
        services.subscribe(
            channel=Channel.SMS,
            address="13912345678",
            consent=True,
            policy_id=publish(new_policy()).pk,
        )
        assert deliver_due()["failed"] == 1
        message = Message.objects.get()
        assert message.status == MessageStatus.PENDING and message.attempts == 1
        assert "SignatureDoesNotMatch" in message.last_error
        wait = message.next_attempt_at - timezone.now()
        assert datetime.timedelta(seconds=50) < wait <= datetime.timedelta(minutes=1)
        assert deliver_due() == {"sent": 0, "failed": 0, "refused": 0}  # not yet due
        for _attempt in range(2, 7):
            Message.objects.update(next_attempt_at=timezone.now())
            assert deliver_due()["failed"] == 1
        message.refresh_from_db()
        assert (message.status, message.attempts) == (MessageStatus.FAILED, 6)
        assert len(aliyun.requests) == 6


def test_wechat_needs_the_template_the_user_accepted(
    settings, publish, new_policy, topics
):
    tokens = iter(["TOKEN-1", "TOKEN-2"])
    refuse = {"o-refusing-user-0001"}

    def respond(received):
        if received.path == "/cgi-bin/token":
            assert received.query == {
                "grant_type": "client_credential",
                "appid": "wx-app",
                "secret": "wx-secret",
            }
            return 200, {"access_token": next(tokens), "expires_in": 7200}
        assert received.path == "/cgi-bin/message/subscribe/send"
        if received.query["access_token"] == "TOKEN-1":
            return 200, {"errcode": 42001, "errmsg": "access_token expired"}
        if received.json()["touser"] in refuse:
            return 200, {"errcode": 43101, "errmsg": "user refuse to accept the msg"}
        return 200, {"errcode": 0, "errmsg": "ok", "msgid": 1}

    with StandIn(respond) as wechat:
        settings.WECHAT_API_BASE = wechat.url
        settings.WECHAT_APPID, settings.WECHAT_SECRET = "wx-app", "wx-secret"
        settings.WECHAT_TEMPLATES = {"change": "TPL-CHANGE", "digest": "TPL-DIGEST"}
        # Delivery is what this checks; the login exchange has test_wechat_login.py.
        settings.SUBSCRIPTIONS_TRUST_CLIENT_OPENID = True
        with pytest.raises(Exception) as refused:
            services.subscribe(
                channel=Channel.WECHAT,
                address="o-user-without-0001",
                consent=True,
                topic_ids=[topics[0].pk],
            )
        assert refused.value.message_dict == {
            "wechatTemplateIds": ["请先在小程序中授权本局的订阅消息模板"]
        }
        services.subscribe(
            channel=Channel.WECHAT,
            address="o-accepting-user-01",
            consent=True,
            topic_ids=[topics[0].pk],
            wechat_template_ids=["TPL-CHANGE"],
        )
        services.subscribe(
            channel=Channel.WECHAT,
            address="o-digest-only-0001",
            consent=True,
            topic_ids=[topics[0].pk],
            wechat_template_ids=["TPL-DIGEST"],
        )
        services.subscribe(
            channel=Channel.WECHAT,
            address="o-refusing-user-0001",
            consent=True,
            topic_ids=[topics[0].pk],
            wechat_template_ids=["TPL-CHANGE"],
        )
        publish(new_policy(title="创业担保贷款"), topics=[topics[0]])
        assert deliver_due() == {"sent": 1, "failed": 0, "refused": 2}

    sends = [r.json() for r in wechat.requests if r.path.endswith("/send")]
    delivered = sends[1]  # the first attempt met the expired token, then a new one
    assert delivered["touser"] == "o-accepting-user-01"
    assert delivered["template_id"] == "TPL-CHANGE"
    assert delivered["data"]["thing1"] == {"value": "创业担保贷款"}
    statuses = dict(Message.objects.values_list("subscriber__address", "status"))
    assert statuses == {
        "o-accepting-user-01": "sent",
        "o-digest-only-0001": "suppressed",  # never accepted the change template
        "o-refusing-user-0001": "suppressed",  # withdrew it in WeChat
    }
    withdrawn = Consent.objects.get(subscriber__address="o-refusing-user-0001")
    assert withdrawn.withdrawn_at is not None
