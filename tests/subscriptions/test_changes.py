"""Which publications notify: the first, a revision marked major (with its note), a
policy becoming 失效/废止 (which ends the subscriptions following it); not a minor edit."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.policies.models import ValidityOverride
from cms.subscriptions.changes import end_expired_policies
from cms.subscriptions.models import Change, ChangeKind, Message, Subscription


def test_minor_edits_are_silent_and_major_ones_notify_with_their_note(
    follow, publish, new_policy, topics
):
    follow("a@example.com", topic_ids=[topics[0].pk])
    policy = publish(new_policy(title="补贴通知"), topics=[topics[0]])
    publish(policy, summary="修改了摘要的标点")
    publish(
        policy,
        major_change=True,
        change_note="补贴标准由每人 3000 元提高到 5000 元",
    )

    changes = list(
        Change.objects.order_by("pk").values_list("kind", "note", "recipients")
    )
    assert changes == [
        (ChangeKind.PUBLISHED, "", 1),
        (ChangeKind.MAJOR, "补贴标准由每人 3000 元提高到 5000 元", 1),
    ]
    mine = Message.objects.filter(subscriber__address="a@example.com", kind="change")
    assert mine.count() == 2


def test_a_major_mark_needs_a_note(new_policy):
    policy = new_policy(major_change=True, change_note=" ")
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert error.value.message_dict["change_note"] == ["重大变更须填写变更说明。"]


def test_a_repealed_policy_tells_its_followers_and_ends_their_subscriptions(
    follow, publish, new_policy, topics
):
    policy = publish(new_policy(title="将被废止的政策"), topics=[topics[0]])
    follower = follow("follower@example.com", policy_id=policy.pk)
    follow("follower@example.com", topic_ids=[topics[1].pk])
    only = follow("only@example.com", policy_id=policy.pk)
    follow("topic@example.com", topic_ids=[topics[0].pk])

    publish(policy, validity_override=ValidityOverride.REPEALED)

    change = Change.objects.get(kind=ChangeKind.ENDED)
    assert set(
        Message.objects.filter(change=change).values_list(
            "subscriber__address", flat=True
        )
    ) == {"follower@example.com", "only@example.com"}
    ended = Subscription.objects.filter(criteria__value=policy.pk, active=False)
    assert set(ended.values_list("end_reason", flat=True)) == {
        "所关注的政策已失效或废止"
    }
    assert ended.count() == 2
    follower.refresh_from_db()
    only.refresh_from_db()
    # Still following a topic: no retention clock; following nothing: the clock runs.
    assert follower.unsubscribed_at is None
    assert only.unsubscribed_at is not None
    # Publishing again says nothing more.
    publish(policy, summary="再次保存")
    assert Change.objects.filter(kind=ChangeKind.ENDED).count() == 1


def test_a_followed_policy_whose_expiry_date_passes_is_announced_daily(
    follow, publish, new_policy
):
    policy = publish(new_policy(title="到期的政策"))
    follow("f@example.com", policy_id=policy.pk)
    type(policy).objects.filter(pk=policy.pk).update(
        expiry_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert end_expired_policies.call() == 1
    assert end_expired_policies.call() == 0
    change = Change.objects.get(kind=ChangeKind.ENDED)
    assert list(
        Message.objects.filter(change=change).values_list(
            "subscriber__address", flat=True
        )
    ) == ["f@example.com"]


def test_non_public_policies_notify_nobody(follow, site_tree, bureau, topics):
    from cms.core.choices import Disclosure
    from cms.subscriptions.changes import record_change
    from tests.factories import PolicyPageFactory

    follow("a@example.com", topic_ids=[topics[0].pk])
    policy = PolicyPageFactory(
        parent=site_tree.policies,
        issuers=[bureau],
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="《政府信息公开条例》第十四条",
    )
    policy.topics.set([topics[0]])
    assert record_change(page=policy, revision_id=None) is None
    assert not Change.objects.exists()


def test_the_editor_sees_how_many_people_and_enterprises_it_reaches(
    client, superuser, follow, publish, new_policy, topics
):
    from cms.subscriptions.models import Subscriber

    policy = publish(new_policy(), topics=[topics[0]])
    follow("p1@example.com", topic_ids=[topics[0].pk])
    follow("p2@example.com", topic_ids=[topics[0].pk, topics[1].pk])
    follow("e1@example.com", topic_ids=[topics[0].pk], subject="enterprise")
    follow("nobody@example.com", topic_ids=[topics[2].pk])
    assert Subscriber.objects.count() == 4
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{policy.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "将推送给 <strong>2</strong> 人、<strong>1</strong> 家企业" in html
    # The major mark of the live revision does not carry over into the next edit.
    publish(policy, major_change=True, change_note="提高标准")
    html = client.get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    assert 'name="major_change"' in html
    assert 'name="major_change" id="id_major_change" checked' not in html
