"""A delivery run over many messages: claimed in groups, the changes a digest lists
read once, one SMTP connection, a failed send left for its retry, and two workers
that never send the same message."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.utils import timezone
from wagtail.models import Page

from cms.subscriptions import delivery
from cms.subscriptions.delivery import deliver_due
from cms.subscriptions.digests import compose_digests
from cms.subscriptions.models import (
    Change,
    ChangeKind,
    DeliveryStat,
    Frequency,
    Message,
    MessageKind,
    MessageStatus,
    Subscriber,
    SubscriberStatus,
)

from .mailboxes import CountingSMTPServer, WorkerMailbox

READERS = 30


@pytest.fixture
def smtp(settings):
    with CountingSMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_TIMEOUT = 5
        yield server


def test_a_digest_run_reads_each_change_once_over_one_smtp_connection(
    smtp,
    follow,
    publish,
    new_policy,
    topics,
    django_assert_max_num_queries,
    monkeypatch,
):
    for n in range(READERS):
        follow(f"r{n}@example.com", topic_ids=[topics[0].pk], frequency=1)
    titles = ["创业补贴", "稳岗返还", "技能提升补贴"]
    for title in titles:
        publish(new_policy(title=title), topics=[topics[0]])
    Message.objects.all().delete()  # the confirmations, sent long ago
    assert compose_digests(frequency=Frequency.DAILY) == READERS
    smtp.handler.turn_away = {"r7@example.com"}
    monkeypatch.setattr(delivery, "MAILS_PER_CONNECTION", 12)

    # Claimed in groups of 20: two groups (and a last empty claim), each in a
    # savepoint here, with one query for the messages and their subscribers, one
    # for the changes they list (the first group only: the run keeps them), one
    # UPDATE for what was sent, one for the day's counts (its row made first: 5),
    # and one for the failed message. 30 messages one by one took 90 and more.
    with django_assert_max_num_queries(20):
        outcomes = deliver_due(limit=None, group_size=20)

    assert outcomes == {"sent": READERS - 1, "failed": 1, "refused": 0}
    # One connection for r0–r7, a new one after the server turned r7 away (r8–r19),
    # and one more after 12 messages (r20–r29).
    assert len(smtp.handler.peers) == 3
    delivered = {rcpts[0]: mail for rcpts, mail in smtp.handler.messages}
    assert len(delivered) == READERS - 1 and "r7@example.com" not in delivered
    mail = delivered["r8@example.com"]
    assert mail["Subject"] == "政策推送每日汇总：3 条"
    assert mail["X-Idempotency-Key"].startswith("digest:1:")
    body = mail.get_content()
    assert [line.split("】")[1] for line in body.splitlines() if "】" in line] == titles
    unsubscribe = {m["List-Unsubscribe"] for m in delivered.values()}
    assert len(unsubscribe) == READERS - 1  # each reader's own signed link

    # The refused one stays pending, scheduled for its retry; nothing else is.
    waiting = Message.objects.get(status=MessageStatus.PENDING)
    assert waiting.subscriber.address == "r7@example.com"
    assert waiting.attempts == 1 and "451" in waiting.last_error
    assert waiting.next_attempt_at > timezone.now()
    sent = Message.objects.filter(status=MessageStatus.SENT)
    assert sent.count() == READERS - 1
    assert set(sent.values_list("attempts", flat=True)) == {1}
    assert not sent.filter(sent_at=None).exists()
    assert DeliveryStat.objects.get(channel="email").sent == READERS - 1

    smtp.handler.turn_away = set()
    Message.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now())
    assert deliver_due(limit=None) == {"sent": 1, "failed": 0, "refused": 0}
    assert smtp.handler.messages[-1][0] == ["r7@example.com"]
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts) == (MessageStatus.SENT, 2)
    assert DeliveryStat.objects.get(channel="email").sent == READERS


def test_the_query_count_of_a_run_does_not_grow_with_its_messages(
    db, settings, django_assert_num_queries
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    root = Page.get_first_root_node()
    changes = [
        Change.objects.create(page=root, revision_id=n, kind=ChangeKind.MAJOR, title=t)
        for n, t in enumerate(["甲", "乙"])
    ]

    def queue(count: int, start: int) -> None:
        for n in range(start, start + count):
            subscriber = Subscriber.objects.create(
                channel="email",
                address=f"q{n}@example.com",
                status=SubscriberStatus.ACTIVE,
            )
            Message.objects.create(
                idempotency_key=f"digest:1:q:{n}",
                kind=MessageKind.DIGEST,
                channel="email",
                subscriber=subscriber,
                payload={"frequency": 1, "changes": [c.pk for c in changes]},
            )

    DeliveryStat.objects.create(day=timezone.localdate(), channel="email")
    queue(5, 0)
    # One group: its claim (with the subscribers), the changes, the sent UPDATE,
    # the counts, and the claim that finds nothing more, each group in a savepoint.
    with django_assert_num_queries(9):
        assert deliver_due(limit=None)["sent"] == 5
    queue(80, 5)
    with django_assert_num_queries(9):
        assert deliver_due(limit=None)["sent"] == 80


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks and its in-memory test "
    "database cannot be shared between threads",
)
@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_never_send_the_same_message(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.mailboxes.WorkerMailbox"
    total = 200
    root = Page.get_first_root_node()
    change = Change.objects.create(
        page=root, revision_id=1, kind=ChangeKind.MAJOR, title="两个进程同时发送"
    )
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(channel="email", address=f"w{n}@example.com", status="active")
        for n in range(total)
    )
    Message.objects.bulk_create(
        Message(
            idempotency_key=f"digest:1:w:{s.pk}",
            kind=MessageKind.DIGEST,
            channel="email",
            subscriber=s,
            payload={"frequency": 1, "changes": [change.pk]},
        )
        for s in subscribers
    )
    WorkerMailbox.sent = []
    WorkerMailbox.meet = threading.Barrier(2)
    outcomes: list[dict] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            outcomes.append(deliver_due(limit=None, group_size=20))
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    try:
        workers = [threading.Thread(target=work) for _n in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=120)
    finally:
        WorkerMailbox.meet = None

    assert errors == []
    keys = Counter(key for _worker, key in WorkerMailbox.sent)
    assert len(keys) == total and set(keys.values()) == {1}  # each exactly once
    by_worker = Counter(worker for worker, _key in WorkerMailbox.sent)
    assert len(by_worker) == 2 and min(by_worker.values()) >= 20  # both worked
    assert sorted(o["sent"] for o in outcomes) == sorted(by_worker.values())
    assert Message.objects.filter(status=MessageStatus.SENT).count() == total
    assert DeliveryStat.objects.get(channel="email").sent == total
