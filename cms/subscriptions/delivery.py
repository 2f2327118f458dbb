"""The outbox's delivery: messages claimed in locked groups, retried with backoff.

Messages are rows (``Message``) written by the fan-out, the digests and
subscribing; the task worker sends them. Each carries an idempotency key the
database keeps unique (one message per subscriber per change) and passes on to the
service (SMTP header, Aliyun ``OutId``, webhook ``Idempotency-Key``). A worker
claims a group of due rows at a time (``SELECT … FOR UPDATE SKIP LOCKED``, oldest
first), sends them and records the outcomes before it commits, so two workers (or
a deferred retry and the sweep) never send the same message, and a message whose
send failed stays pending for its retry. What a group's messages share is fetched
and composed once (the changes a digest lists, the WeChat consents, one SMTP
connection for the run), so a message costs its send and little else. As with the
staff notifications (cms/participation/notifications.py), the immediate task
backend never talks to a network service inside a request: the sweep (every
minute) sends instead.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
from collections import Counter

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from . import channels
from .channels import Refused
from .composing import Composer, compose, link  # noqa: F401 - compose, link: API
from .models import (
    ChangeKind,
    Channel,
    Consent,
    Message,
    MessageKind,
    MessageStatus,
    SubscriberStatus,
)
from .stats import record_stat

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
RETRY_DELAYS = tuple(datetime.timedelta(minutes=m) for m in (1, 5, 15, 60, 240))
SWEEP_BATCH = 200
# Messages claimed, sent and recorded in one transaction; a hanging server
# (EMAIL_TIMEOUT, HTTP timeout) holds at most this many rows (and, on SQLite, the
# write lock) for that long.
LOCK_GROUP = 100
# Mail servers limit what one connection may carry; a run reconnects before that.
MAILS_PER_CONNECTION = 500

WEBHOOK_EVENTS = {
    ChangeKind.PUBLISHED: "policy.published",
    ChangeKind.MAJOR: "policy.changed",
    ChangeKind.ENDED: "policy.ended",
}


def _purpose(message: Message) -> str:
    return "digest" if message.kind == MessageKind.DIGEST else message.kind


class Run:
    """What one delivery run shares: the composer, an open SMTP connection, and
    the current group's WeChat consents."""

    def __init__(self) -> None:
        self.composer = Composer()
        self._mail = None
        self._sent_over_mail = 0
        self.consents: dict[tuple[int, str], Consent] = {}

    def mail(self):
        if self._sent_over_mail >= MAILS_PER_CONNECTION:
            self.drop_mail()
        if self._mail is None:
            self._mail = get_connection(timeout=settings.EMAIL_TIMEOUT)
            self._mail.open()
            self._sent_over_mail = 0
        self._sent_over_mail += 1
        return self._mail

    def drop_mail(self) -> None:
        """After a failed send the connection may be broken: the next one reconnects."""
        mail, self._mail = self._mail, None
        if mail is not None:
            with contextlib.suppress(Exception):  # closing what already failed
                mail.close()

    def prefetch(self, group: list[Message]) -> None:
        self.composer.prefetch(group)
        wechat = {
            m.subscriber_id
            for m in group
            if m.channel == Channel.WECHAT and m.subscriber_id is not None
        }
        self.consents = {}
        if wechat:
            consents = Consent.objects.filter(
                subscriber_id__in=wechat, withdrawn_at=None
            ).order_by("-pk")
            for consent in consents:  # the oldest wins, as .first() would
                self.consents[(consent.subscriber_id, consent.template)] = consent


def _send(message: Message, run: Run) -> None:
    if message.kind == MessageKind.WEBHOOK:
        endpoint = settings.SUBSCRIPTIONS_WEBHOOKS_BY_NAME.get(message.endpoint)
        if endpoint is None:
            raise Refused(f"对接平台“{message.endpoint}”已不在配置中")
        channels.send_webhook(
            endpoint, message.payload, idempotency_key=message.idempotency_key
        )
        return
    subscriber = message.subscriber
    if subscriber is None or (
        message.kind != MessageKind.CONFIRM
        and subscriber.status != SubscriberStatus.ACTIVE
    ):
        raise Refused("订阅者未确认或已退订")
    content = run.composer.compose(message)
    if message.channel == Channel.EMAIL:
        try:
            channels.send_email(
                subscriber.address,
                content,
                idempotency_key=message.idempotency_key,
                connection=run.mail(),
            )
        except Exception:
            run.drop_mail()
            raise
    elif message.channel == Channel.SMS:
        template = settings.SMS_TEMPLATES.get(_purpose(message))
        if not template:
            raise Refused("未配置短信模板")
        channels.send_sms(
            subscriber.address,
            template,
            content,
            idempotency_key=message.idempotency_key,
        )
    elif message.channel == Channel.WECHAT:
        template = settings.WECHAT_TEMPLATES.get(_purpose(message))
        consent = run.consents.get((subscriber.pk, template))
        if not template or consent is None:
            raise Refused("订阅者未授权该订阅消息模板")
        try:
            channels.send_wechat(
                subscriber.address,
                template,
                content,
                page=settings.WECHAT_MESSAGE_PAGE,
            )
        except Refused:
            consent.withdrawn_at = timezone.now()
            consent.save(update_fields=["withdrawn_at"])
            raise


FIELDS = ["attempts", "status", "last_error", "next_attempt_at", "sent_at"]


def _attempt(message: Message, run: Run, stats: Counter) -> str:
    """One delivery attempt. A failure is recorded (and its retry scheduled) at
    once; a success only in memory, for ``_record_sent`` to write with the group's."""
    message.attempts += 1
    now = timezone.now()
    try:
        _send(message, run)
    except Refused as error:
        message.status = (
            MessageStatus.SUPPRESSED
            if message.kind != MessageKind.WEBHOOK
            else MessageStatus.FAILED
        )
        message.last_error = str(error)[:2000]
        message.next_attempt_at = None
        message.save(update_fields=FIELDS)
        stats[(message.channel, "failed")] += 1
        return "refused"
    except Exception as error:
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = MessageStatus.FAILED
            message.next_attempt_at = None
            stats[(message.channel, "failed")] += 1
        else:
            delay = RETRY_DELAYS[min(message.attempts, len(RETRY_DELAYS)) - 1]
            message.next_attempt_at = now + delay
        message.save(update_fields=FIELDS)
        logger.warning(
            "Message %s failed (attempt %s): %s",
            message.pk,
            message.attempts,
            message.last_error,
        )
        if message.status == MessageStatus.PENDING:
            _enqueue(message.pk, run_after=message.next_attempt_at)
        return "failed"
    message.status = MessageStatus.SENT
    message.sent_at = now
    message.next_attempt_at = None
    message.last_error = ""
    stats[(message.channel, "sent")] += 1
    return "sent"


def _record_sent(sent: list[Message], stats: Counter) -> None:
    """One UPDATE for the group's sent messages, one per channel for the counts."""
    if sent:
        Message.objects.filter(pk__in=[m.pk for m in sent]).update(
            status=MessageStatus.SENT,
            sent_at=timezone.now(),
            next_attempt_at=None,
            last_error="",
            attempts=F("attempts") + 1,
        )
    by_channel: dict[str, dict[str, int]] = {}
    for (channel, outcome), count in sorted(stats.items()):
        by_channel.setdefault(channel, {})[outcome] = count
    for channel, counts in by_channel.items():
        record_stat(channel, **counts)


def _attempt_group(group: list[Message], run: Run, outcomes: dict) -> None:
    """Send a claimed group and record it, inside the transaction that locks it."""
    run.prefetch(group)
    stats: Counter = Counter()
    sent = []
    for message in group:
        outcome = _attempt(message, run, stats)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if outcome == "sent":
            sent.append(message)
    _record_sent(sent, stats)


def attempt(message: Message) -> str:
    """One delivery attempt of a message the caller has locked."""
    outcomes: dict[str, int] = {}
    run = Run()
    try:
        _attempt_group([message], run, outcomes)
    finally:
        run.drop_mail()
    return next(iter(outcomes))


def due_messages():
    return Message.objects.filter(status=MessageStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    )


def deliver(message_id: int) -> str:
    with transaction.atomic():
        message = (
            due_messages()
            .select_for_update(skip_locked=True)
            .filter(pk=message_id)
            .first()
        )
        if message is None:
            return "skipped"
        return attempt(message)


def deliver_due(
    *,
    limit: int | None = SWEEP_BATCH,
    change_id: int | None = None,
    group_size: int = LOCK_GROUP,
) -> dict:
    """Attempt due messages, oldest first, at most ``limit`` (``None``: until none
    is due): claimed ``group_size`` at a time, skipping rows another worker holds,
    and committed once per group."""
    outcomes = {"sent": 0, "failed": 0, "refused": 0}
    run = Run()
    last = 0  # keyset: each claim starts after the last group, not at the oldest
    done = 0
    try:
        while limit is None or done < limit:
            size = group_size if limit is None else min(group_size, limit - done)
            with transaction.atomic():
                due = due_messages().filter(pk__gt=last)
                if change_id is not None:
                    due = due.filter(change_id=change_id)
                group = list(
                    due.select_for_update(skip_locked=True, of=("self",))
                    .select_related("subscriber", "change")
                    .order_by("pk")[:size]
                )
                if not group:
                    break
                _attempt_group(group, run, outcomes)
            last = group[-1].pk
            done += len(group)
    finally:
        run.drop_mail()
    return outcomes


def _network_inline() -> bool:
    return isinstance(deliver_message.get_backend(), ImmediateBackend)


def _enqueue(message_id: int, run_after: datetime.datetime | None = None) -> None:
    try:
        backend = deliver_message.get_backend()
        if run_after is None:
            if not _network_inline():
                deliver_message.enqueue(message_id)
        elif backend.supports_defer:
            deliver_message.using(run_after=run_after).enqueue(message_id)
    except Exception:
        logger.exception("Could not enqueue message %s", message_id)


def enqueue_message(message: Message) -> None:
    """Deliver after the current transaction commits (or leave it to the sweep)."""
    transaction.on_commit(lambda: _enqueue(message.pk), robust=True)


@task()
def deliver_message(message_id: int) -> str:
    return deliver(message_id)


@task()
def deliver_change(change_id: int) -> dict:
    """Send a change's immediate messages, group after group until none is due."""
    return deliver_due(limit=None, change_id=change_id)


@task()
def retry_due_messages() -> dict:
    """The sweep, every minute: what is due and no task holds."""
    return deliver_due()


@task()
def deliver_digests() -> dict:
    """Send the due messages (the digests just composed), group after group."""
    return deliver_due(limit=None)
