"""Signed webhooks to external platforms; daily and weekly digests; retention."""

from __future__ import annotations

import datetime
import urllib.parse

from django.utils import timezone

from cms.subscriptions import services
from cms.subscriptions.delivery import compose, deliver_due
from cms.subscriptions.digests import compose_digests, send_daily_digests
from cms.subscriptions.models import (
    Change,
    DeliveryStat,
    DigestEntry,
    Frequency,
    Message,
    MessageKind,
    MessageStatus,
    Subscriber,
)
from cms.subscriptions.retention import purge

from .standins import StandIn, webhook_signature_ok


def test_webhooks_are_signed_and_retried_until_the_receiver_takes_them(
    settings, publish, new_policy
):
    answers = iter([500, 200])

    def respond(received):
        if not webhook_signature_ok(received, "s3cret"):
            return 401, {"error": "bad signature"}
        return next(answers), {}

    with StandIn(respond) as receiver:
        settings.SUBSCRIPTIONS_WEBHOOKS = [
            {"name": "一网通办", "url": receiver.url + "/hook", "secret": "s3cret"},
            {"name": "易就业", "url": receiver.url + "/other", "secret": "wrong"},
        ]
        settings.SUBSCRIPTIONS_WEBHOOKS_BY_NAME = {
            hook["name"]: hook for hook in settings.SUBSCRIPTIONS_WEBHOOKS
        }
        policy = publish(new_policy(title="见习补贴"))
        assert deliver_due() == {"sent": 0, "failed": 2, "refused": 0}
        Message.objects.update(next_attempt_at=timezone.now())
        assert deliver_due() == {"sent": 1, "failed": 1, "refused": 0}

    first, second = (r for r in receiver.requests if r.path == "/hook")
    assert first.body == second.body  # the same event, retried
    key = f"webhook:{Change.objects.get().pk}:一网通办"
    assert urllib.parse.unquote(first.headers["idempotency-key"]) == key
    assert first.headers["x-zwgk-event"] == "policy.published"
    event = second.json()
    assert event["policy"] == {
        "id": policy.pk,
        "title": "见习补贴",
        "url": policy.get_full_url(),
        "note": "",
    }
    assert dict(Message.objects.values_list("endpoint", "status")) == {
        "一网通办": MessageStatus.SENT,
        "易就业": MessageStatus.PENDING,  # its receiver refuses our signature
    }


def test_a_daily_digest_lists_each_change_once_in_order(
    follow, publish, new_policy, topics
):
    follow("daily@example.com", topic_ids=[topics[0].pk], frequency=Frequency.DAILY)
    follow("daily@example.com", topic_ids=[topics[1].pk], frequency=Frequency.DAILY)
    follow("weekly@example.com", topic_ids=[topics[0].pk], frequency=Frequency.WEEKLY)
    first = publish(new_policy(title="第一件"), topics=[topics[0]])
    publish(new_policy(title="第二件"), topics=[topics[0], topics[1]])
    publish(first, major_change=True, change_note="放宽年龄条件")

    assert send_daily_digests.call() == 1
    assert compose_digests(frequency=Frequency.DAILY) == 0  # entries consumed
    digest = Message.objects.get(kind=MessageKind.DIGEST)
    assert digest.subscriber.address == "daily@example.com"
    content = compose(digest)
    assert content.subject == "政策推送每日汇总：3 条"
    assert content.text.split("\n\n")[:3] == [
        f"【新发布】第一件\n{first.get_full_url()}",
        f"【新发布】第二件\n{Change.objects.get(title='第二件').url}",
        f"【重大变更】第一件\n变更说明：放宽年龄条件\n{first.get_full_url()}",
    ]
    assert "/subscriptions/unsubscribe/" in content.text
    # The weekly subscriber's entries wait for Monday.
    assert DigestEntry.objects.filter(frequency=Frequency.WEEKLY).count() == 3
    assert compose_digests(frequency=Frequency.WEEKLY) == 1


def test_contacts_go_28_days_after_the_last_unsubscribe_messages_after_7(
    follow, publish, new_policy, topics
):
    gone = follow("gone@example.com", topic_ids=[topics[0].pk])
    stays = follow("stays@example.com", topic_ids=[topics[0].pk])
    recent = follow("recent@example.com", topic_ids=[topics[0].pk])
    publish(new_policy(), topics=[topics[0]])
    services.unsubscribe(subscriber=gone)
    services.unsubscribe(subscriber=recent)
    now = timezone.now()
    Subscriber.objects.filter(pk=gone.pk).update(
        unsubscribed_at=now - datetime.timedelta(days=29)
    )
    Message.objects.filter(subscriber=stays).update(
        created_at=now - datetime.timedelta(days=8)
    )
    kept = Message.objects.filter(subscriber=stays).count()

    assert purge(now=now) == {"erased": 1, "messages": kept}
    assert set(Subscriber.objects.values_list("address", flat=True)) == {
        "stays@example.com",
        "recent@example.com",
    }
    stat = DeliveryStat.objects.get(channel="email")
    assert stat.unsubscribed == 2  # the counts stay
