"""The outbox's delivery: one attempt per message at a time, retried with backoff.

Messages are rows (``Message``) written by the fan-out, the digests and
subscribing; the task worker sends them. Each carries an idempotency key the
database keeps unique (one message per subscriber per change) and passes on to the
service (SMTP header, Aliyun ``OutId``, webhook ``Idempotency-Key``). A row is
locked while it is attempted (``SELECT … FOR UPDATE SKIP LOCKED``), so a deferred
retry and the sweep never send it twice at once. As with the staff notifications
(cms/participation/notifications.py), the immediate task backend never talks to a
network service inside a request: the sweep (every minute) sends instead.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from . import channels
from .channels import Content, Refused
from .models import (
    Change,
    ChangeKind,
    Channel,
    Consent,
    Message,
    MessageKind,
    MessageStatus,
    SubscriberStatus,
)
from .stats import record_stat
from .tokens import make_token

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
RETRY_DELAYS = tuple(datetime.timedelta(minutes=m) for m in (1, 5, 15, 60, 240))
SWEEP_BATCH = 200
CHANGE_BATCH = 500
# Messages locked and committed together; a hanging server (EMAIL_TIMEOUT, HTTP
# timeout) holds at most this many rows.
LOCK_GROUP = 50

WEBHOOK_EVENTS = {
    ChangeKind.PUBLISHED: "policy.published",
    ChangeKind.MAJOR: "policy.changed",
    ChangeKind.ENDED: "policy.ended",
}


def link(path: str) -> str:
    return settings.SUBSCRIPTIONS_PUBLIC_URL.rstrip("/") + path


def _change_lines(change: Change) -> list[str]:
    lines = [f"【{change.get_kind_display()}】{change.title}"]
    if change.note:
        lines.append(f"变更说明：{change.note}")
    if change.kind == ChangeKind.ENDED:
        lines.append("该政策已失效或废止，您对它的关注随之结束。")
    if change.url:
        lines.append(change.url)
    return lines


def compose(message: Message) -> Content:
    """What the message says, composed when it is sent (links are fresh)."""
    subscriber = message.subscriber
    if message.kind == MessageKind.CONFIRM:
        url = link(f"/subscriptions/confirm/{make_token(subscriber, 'confirm')}/")
        return Content(
            subject="请确认订阅政策推送",
            text=(
                "您（或他人使用您的地址）在闵行区人社局订阅了政策推送。\n"
                f"请在 7 天内打开以下链接确认，确认前不会向您发送任何推送：\n{url}\n"
                "如非本人操作，请忽略本消息。"
            ),
            link=url,
            fields={"code": "订阅确认", "link": url},
        )
    unsubscribe = link(
        f"/subscriptions/unsubscribe/{make_token(subscriber, 'unsubscribe')}/"
    )
    if message.kind == MessageKind.DIGEST:
        ids = message.payload.get("changes", [])
        changes = Change.objects.filter(pk__in=ids).order_by("created_at", "pk")
        period = "每周" if message.payload.get("frequency") == 2 else "每日"
        text = "\n\n".join("\n".join(_change_lines(c)) for c in changes)
        count = len(ids)
        first = changes[0].title if changes else ""
        return Content(
            subject=f"政策推送{period}汇总：{count} 条",
            text=f"{text}\n\n退订：{unsubscribe}",
            link=link("/"),
            unsubscribe_url=unsubscribe,
            fields={"thing1": first[:20], "number2": str(count), "link": unsubscribe},
        )
    change = message.change
    return Content(
        subject=f"政策推送：{change.title}",
        text="\n".join(_change_lines(change)) + f"\n\n退订：{unsubscribe}",
        link=change.url,
        unsubscribe_url=unsubscribe,
        fields={
            "thing1": change.title[:20],
            "phrase2": change.get_kind_display()[:5],
            "thing3": (change.note or change.title)[:20],
            "link": unsubscribe,
        },
    )


def _purpose(message: Message) -> str:
    return "digest" if message.kind == MessageKind.DIGEST else message.kind


def _send(message: Message) -> None:
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
    content = compose(message)
    if message.channel == Channel.EMAIL:
        channels.send_email(
            subscriber.address, content, idempotency_key=message.idempotency_key
        )
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
        consent = Consent.objects.filter(
            subscriber=subscriber, template=template, withdrawn_at=None
        ).first()
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


def attempt(message: Message) -> str:
    """One delivery attempt; records the outcome and schedules the next try."""
    message.attempts += 1
    now = timezone.now()
    fields = ["attempts", "status", "last_error", "next_attempt_at", "sent_at"]
    try:
        _send(message)
    except Refused as error:
        message.status = (
            MessageStatus.SUPPRESSED
            if message.kind != MessageKind.WEBHOOK
            else MessageStatus.FAILED
        )
        message.last_error = str(error)[:2000]
        message.next_attempt_at = None
        message.save(update_fields=fields)
        record_stat(message.channel, failed=1)
        return "refused"
    except Exception as error:
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = MessageStatus.FAILED
            message.next_attempt_at = None
            record_stat(message.channel, failed=1)
        else:
            delay = RETRY_DELAYS[min(message.attempts, len(RETRY_DELAYS)) - 1]
            message.next_attempt_at = now + delay
        message.save(update_fields=fields)
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
    message.save(update_fields=fields)
    record_stat(message.channel, sent=1)
    return "sent"


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


def deliver_due(*, limit: int = SWEEP_BATCH, change_id: int | None = None) -> dict:
    """Attempt due messages, oldest first, at most ``limit``: locked and committed
    in groups of ``LOCK_GROUP`` (one commit per group, not per message)."""
    outcomes = {"sent": 0, "failed": 0, "refused": 0}
    due = due_messages()
    if change_id is not None:
        due = due.filter(change_id=change_id)
    ids = list(due.order_by("pk").values_list("pk", flat=True)[:limit])
    for start in range(0, len(ids), LOCK_GROUP):
        with transaction.atomic():
            group = (
                due_messages()
                .select_for_update(skip_locked=True, of=("self",))
                .filter(pk__in=ids[start : start + LOCK_GROUP])
                .select_related("subscriber", "change")
                .order_by("pk")
            )
            for message in group:
                outcome = attempt(message)
                if outcome in outcomes:
                    outcomes[outcome] += 1
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
    """Send a change's immediate messages, batch after batch until none is due."""
    totals = {"sent": 0, "failed": 0, "refused": 0}
    while True:
        outcomes = deliver_due(limit=CHANGE_BATCH, change_id=change_id)
        for key, value in outcomes.items():
            totals[key] += value
        if sum(outcomes.values()) < CHANGE_BATCH:
            return totals


@task()
def retry_due_messages() -> dict:
    """The sweep, every minute: what is due and no task holds."""
    return deliver_due()


@task()
def deliver_digests() -> dict:
    """Send the due digest messages, batch after batch."""
    totals = {"sent": 0, "failed": 0, "refused": 0}
    while True:
        outcomes = deliver_due(limit=CHANGE_BATCH)
        for key, value in outcomes.items():
            totals[key] += value
        if sum(outcomes.values()) < CHANGE_BATCH:
            return totals
