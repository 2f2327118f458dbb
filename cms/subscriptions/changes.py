"""Policy events that notify: recorded when a policy page is published, fanned out
by a background task.

- the first publication of a policy: 新发布;
- a later publication whose revision the editor marked major: 重大变更 with its note;
- a publication that makes it 失效 or 废止, or its 失效日期 passing (daily task):
  followers of that policy are told and their subscriptions of it end.
Minor edits notify nobody. Only public policies (live, 主动公开, unrestricted) notify.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from .matching import Target, fan_out
from .models import Change, ChangeKind, Criterion, CriterionKey, Message, MessageKind

logger = logging.getLogger(__name__)


def _ended(validity: str) -> bool:
    from cms.policies.models import Validity

    return validity in (Validity.EXPIRED, Validity.REPEALED)


def record_change(
    *, page, revision_id: int | None, defer: bool = True
) -> Change | None:
    """The Change a publication causes, if any; fanned out by a task after the
    commit, or here and now (``defer=False``, already in a background task)."""
    from cms.policies.models import PolicyPage
    from cms.policies.selectors import public_policies

    page = page.specific
    if not isinstance(page, PolicyPage):
        return None
    if not public_policies().filter(pk=page.pk).exists():
        return None
    previous = Change.objects.filter(page_id=page.pk)
    if _ended(page.validity):
        if previous.filter(kind=ChangeKind.ENDED).exists():
            return None
        kind = ChangeKind.ENDED
    elif page.first_published_at == page.last_published_at and not previous.exists():
        kind = ChangeKind.PUBLISHED
    elif page.major_change:
        kind = ChangeKind.MAJOR
    else:
        return None
    target = Target.of_policy(page)
    change, created = Change.objects.get_or_create(
        page_id=page.pk,
        revision_id=revision_id,
        kind=kind,
        defaults={
            "title": page.title[:255],
            "note": page.change_note if kind == ChangeKind.MAJOR else "",
            "url": page.get_full_url() or "",
            "targets": {
                "topics": list(target.topics),
                "audiences": list(target.audiences),
                "organizations": list(target.organizations),
            },
        },
    )
    if created and defer:
        transaction.on_commit(lambda: _enqueue_fan_out(change.pk), robust=True)
    elif created:
        process_change(change)
    return change


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    record_change(page=instance, revision_id=getattr(revision, "pk", None))


def _enqueue_fan_out(change_id: int) -> None:
    try:
        fan_out_change.enqueue(change_id)
    except Exception:
        logger.exception("Could not enqueue fan-out of change %s", change_id)


def _webhook_event(change: Change) -> dict:
    from .delivery import WEBHOOK_EVENTS

    return {
        "id": f"change-{change.pk}",
        "type": WEBHOOK_EVENTS[change.kind],
        "occurredAt": change.created_at.isoformat(),
        "policy": {
            "id": change.page_id,
            "title": change.title,
            "url": change.url,
            "note": change.note,
        },
    }


def process_change(change: Change) -> int:
    """Match, queue messages and webhooks, end followed subscriptions: once."""
    from .services import end_subscriptions

    with transaction.atomic():
        change = Change.objects.select_for_update().get(pk=change.pk)
        if change.fanned_out_at:
            return change.recipients
        reached = fan_out(change)
        event = _webhook_event(change)
        Message.objects.bulk_create(
            [
                Message(
                    idempotency_key=f"webhook:{change.pk}:{endpoint['name']}",
                    kind=MessageKind.WEBHOOK,
                    channel="webhook",
                    endpoint=endpoint["name"],
                    change=change,
                    payload=event,
                )
                for endpoint in settings.SUBSCRIPTIONS_WEBHOOKS
            ],
            ignore_conflicts=True,
        )
        if change.kind == ChangeKind.ENDED:
            end_subscriptions(
                subscription_ids=Criterion.objects.filter(
                    key=CriterionKey.POLICY, value=change.page_id
                ).values_list("subscription_id", flat=True),
                reason=f"所关注的政策已{change.get_kind_display()}",
            )
        change.fanned_out_at = timezone.now()
        change.recipients = reached
        change.save(update_fields=["fanned_out_at", "recipients"])
    return reached


@task()
def fan_out_change(change_id: int) -> int:
    from .delivery import deliver_change

    reached = process_change(Change.objects.get(pk=change_id))
    if not isinstance(deliver_change.get_backend(), ImmediateBackend):
        deliver_change.enqueue(change_id)
    return reached


@task()
def end_expired_policies() -> int:
    """Daily: followed policies whose 失效日期 has come are announced as ended."""
    from cms.policies.selectors import public_policies

    followed = Criterion.objects.filter(key=CriterionKey.POLICY).values("value")
    today = timezone.localdate()
    pages = (
        public_policies()
        .filter(pk__in=followed, expiry_date__lte=today)
        .exclude(pk__in=Change.objects.filter(kind=ChangeKind.ENDED).values("page_id"))
    )
    count = 0
    for page in pages:
        with transaction.atomic():
            if record_change(page=page, revision_id=page.live_revision_id, defer=False):
                count += 1
    return count
