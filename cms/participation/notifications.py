"""Notify staff about public submissions without ever endangering the submission.

Call ``notify_staff(...)`` after the submission is saved (inside or outside a
transaction): the notification is recorded and its delivery enqueued only once the
submission's transaction commits, and any failure there (the outbox write, the task
backend, the mail server) is logged and retried, never raised to the citizen.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import Notification, NotificationStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Backoff between attempts: 1, 5, 15, 60 minutes.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=15),
    datetime.timedelta(minutes=60),
)


def staff_emails(permission: str) -> list[str]:
    """E-mail addresses of active users holding ``permission`` ("app.codename").

    Superusers are included; ``PARTICIPATION_STAFF_EMAILS`` adds fixed addresses
    (a shared mailbox of the office, say).
    """
    app_label, _, codename = permission.partition(".")
    holders = (
        Q(is_superuser=True)
        | Q(
            user_permissions__codename=codename,
            user_permissions__content_type__app_label=app_label,
        )
        | Q(
            groups__permissions__codename=codename,
            groups__permissions__content_type__app_label=app_label,
        )
    )
    emails = (
        get_user_model()
        .objects.filter(holders, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    extra = getattr(settings, "PARTICIPATION_STAFF_EMAILS", [])
    return sorted({*emails, *extra})


def notify_staff(
    *,
    kind: str,
    subject: str,
    body: str,
    recipients: Iterable[str],
    reference: str = "",
) -> None:
    """Record and deliver a notification once the current transaction commits."""
    transaction.on_commit(
        partial(
            _record_and_enqueue,
            kind=kind,
            subject=subject,
            body=body,
            recipients=list(recipients),
            reference=reference,
        )
    )


def _record_and_enqueue(**fields) -> None:
    try:
        notification = Notification.objects.create(**fields)
    except Exception:
        logger.exception("Could not record notification %s", fields.get("reference"))
        return
    _enqueue(notification.pk)


def _enqueue(notification_id: int, run_after: datetime.datetime | None = None) -> None:
    try:
        if run_after is None:
            deliver_notification.enqueue(notification_id)
        elif default_task_backend.supports_defer:
            deliver_notification.using(run_after=run_after).enqueue(notification_id)
        # Else a retry must wait: enqueued now, a backend that cannot defer (the
        # immediate one) would spend every attempt at once. The row stays pending
        # with next_attempt_at, and send_notifications retries it when it is due.
    except Exception:
        # Still pending in the outbox; send_notifications picks it up.
        logger.exception("Could not enqueue notification %s", notification_id)


@task()
def deliver_notification(notification_id: int) -> str:
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None or notification.status != NotificationStatus.PENDING:
        return "skipped"
    return attempt_delivery(notification)


def attempt_delivery(notification: Notification) -> str:
    """One delivery attempt; records the outcome and schedules the next try."""
    notification.attempts += 1
    now = timezone.now()
    try:
        if notification.recipients:
            send_mail(
                notification.subject,
                notification.body,
                None,
                notification.recipients,
                fail_silently=False,
            )
    except Exception as error:
        notification.last_error = f"{type(error).__name__}: {error}"[:2000]
        if notification.attempts >= MAX_ATTEMPTS:
            notification.status = NotificationStatus.FAILED
            notification.next_attempt_at = None
        else:
            delay = RETRY_DELAYS[min(notification.attempts, len(RETRY_DELAYS)) - 1]
            notification.next_attempt_at = now + delay
        notification.save(
            update_fields=["attempts", "last_error", "status", "next_attempt_at"]
        )
        logger.warning(
            "Notification %s failed (attempt %s): %s",
            notification.pk,
            notification.attempts,
            notification.last_error,
        )
        if notification.status == NotificationStatus.PENDING:
            _enqueue(notification.pk, run_after=notification.next_attempt_at)
        return "failed"
    notification.status = NotificationStatus.SENT
    notification.sent_at = now
    notification.next_attempt_at = None
    notification.save(
        update_fields=["attempts", "status", "sent_at", "next_attempt_at"]
    )
    return "sent"


def due_notifications():
    """Pending notifications whose next attempt is due (or never scheduled)."""
    return Notification.objects.filter(status=NotificationStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    )
