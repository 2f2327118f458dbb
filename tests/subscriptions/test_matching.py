"""Which subscribers a published policy reaches: every criteria key, any/all values,
one message per subscriber, the most urgent frequency, confirmed subscribers only."""

from __future__ import annotations

from cms.subscriptions.models import (
    Change,
    ChangeKind,
    DigestEntry,
    Frequency,
    Message,
    MessageKind,
)
from cms.subscriptions.services import subscribe


def recipients(change: Change) -> set[str]:
    return set(
        Message.objects.filter(change=change, kind=MessageKind.CHANGE).values_list(
            "subscriber__address", flat=True
        )
    )


def test_every_key_must_hold_with_any_or_all_values(
    follow, publish, new_policy, topics, audiences, bureau
):
    t1, t2, t3, _t4 = topics
    a1, a2, _a3 = audiences
    other = new_policy(title="另一件政策")
    follow("any@example.com", topic_ids=[t1.pk, t3.pk])
    follow("all-missing@example.com", topic_ids=[t1.pk, t3.pk], match_all=True)
    follow("all@example.com", topic_ids=[t1.pk, t2.pk], match_all=True)
    follow("topic-but-audience@example.com", topic_ids=[t1.pk], audience_ids=[a2.pk])
    follow(
        "audience-and-issuer@example.com",
        audience_ids=[a1.pk],
        organization_ids=[bureau.pk],
    )
    follow("other-policy@example.com", policy_id=publish(other).pk)
    subscribe(
        channel="email",
        address="unconfirmed@example.com",
        consent=True,
        topic_ids=[t1.pk],
    )

    policy = publish(new_policy(title="新政策"), topics=[t1, t2], audiences=[a1])

    change = Change.objects.get(page_id=policy.pk)
    assert (change.kind, change.title, change.recipients) == (
        ChangeKind.PUBLISHED,
        "新政策",
        3,
    )
    assert recipients(change) == {
        "any@example.com",
        "all@example.com",
        "audience-and-issuer@example.com",
    }


def test_one_message_per_subscriber_however_many_subscriptions_match(
    follow, publish, new_policy, topics, audiences
):
    t1, t2, *_ = topics
    a1, *_ = audiences
    follow("many@example.com", topic_ids=[t1.pk])
    follow("many@example.com", topic_ids=[t2.pk], frequency=Frequency.DAILY)
    follow("many@example.com", audience_ids=[a1.pk], frequency=Frequency.WEEKLY)
    follow("daily@example.com", topic_ids=[t1.pk], frequency=Frequency.DAILY)
    follow("daily@example.com", audience_ids=[a1.pk], frequency=Frequency.WEEKLY)

    policy = publish(new_policy(), topics=[t1, t2], audiences=[a1])

    change = Change.objects.get(page_id=policy.pk)
    assert recipients(change) == {"many@example.com"}
    assert Message.objects.filter(change=change).count() == 1
    # The daily subscriber waits for the digest, once, at the more urgent frequency.
    assert list(
        DigestEntry.objects.filter(change=change).values_list(
            "subscriber__address", "frequency"
        )
    ) == [("daily@example.com", Frequency.DAILY)]
    assert change.recipients == 2


def test_publishing_twice_does_not_notify_twice(follow, publish, new_policy, topics):
    follow("once@example.com", topic_ids=[topics[0].pk])
    policy = publish(new_policy(), topics=[topics[0]])
    publish(policy, title=policy.title + "（修正错别字）")
    assert Message.objects.filter(kind=MessageKind.CHANGE).count() == 1
    assert Change.objects.count() == 1
