"""Notify staff about public submissions without ever endangering the submission.

Call ``notify_staff(...)`` inside the submission's transaction: the outbox row
(``Notification``) commits or rolls back with the submission, so there is never a
notification about an unsaved submission nor a saved one without its notification.
Delivery is a task enqueued once the transaction commits; the request never talks
to a mail server:

- with the database task backend (``TASKS_BACKEND=database``, production), the
  worker (``manage.py db_worker``) sends it, and defers retries with backoff;
- with the immediate backend (the embedded default), a mail backend that needs no
  network (console, locmem, file) sends it at once; any other (SMTP) is left to the
  retry sweep, ``retry_due_notifications``, which ``manage.py run_scheduler`` runs
  every minute outside any request.

Sending is bounded by ``EMAIL_TIMEOUT``; failures are recorded on the row and retried.
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
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

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
# One sweep attempts at most this many, so a hanging mail server (EMAIL_TIMEOUT
# each) cannot hold the worker for long.
SWEEP_BATCH = 50
# Mail backends that deliver without a network round trip: safe to run inline.
LOCAL_EMAIL_BACKENDS = frozenset(
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    }
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
) -> Notification:
    """Record a notification in the current transaction; deliver it after the commit."""
    notification = Notification.objects.create(
        kind=kind[:50],
        subject=subject[:200],
        body=body,
        recipients=list(recipients),
        reference=reference[:100],
    )
    transaction.on_commit(partial(_enqueue, notification.pk), robust=True)
    return notification


def _sends_without_network() -> bool:
    return settings.EMAIL_BACKEND in LOCAL_EMAIL_BACKENDS


def _enqueue(notification_id: int, run_after: datetime.datetime | None = None) -> None:
    try:
        backend = deliver_notification.get_backend()
        if run_after is None:
            if isinstance(backend, ImmediateBackend) and not _sends_without_network():
                # It would talk to the mail server right here, in the request:
                # the retry sweep (run_scheduler) sends it instead.
                return
            deliver_notification.enqueue(notification_id)
        elif backend.supports_defer:
            deliver_notification.using(run_after=run_after).enqueue(notification_id)
        # Else a retry must wait: enqueued now, a backend that cannot defer (the
        # immediate one) would spend every attempt at once. The row stays pending
        # with next_attempt_at, and the retry sweep sends it when it is due.
    except Exception:
        # Still pending in the outbox; the retry sweep picks it up.
        logger.exception("Could not enqueue notification %s", notification_id)


@task()
def deliver_notification(notification_id: int) -> str:
    return deliver(notification_id)


@task()
def retry_due_notifications() -> dict[str, int]:
    """The retry sweep, scheduled every minute (cms/scheduling/schedule.py)."""
    return deliver_due()


def deliver(notification_id: int) -> str:
    """One attempt at a pending notification that is due, unless another runner
    holds it (a deferred retry and the sweep never send it twice at once)."""
    with transaction.atomic():
        notification = (
            due_notifications()
            .select_for_update(skip_locked=True)
            .filter(pk=notification_id)
            .first()
        )
        if notification is None:
            return "skipped"
        return attempt_delivery(notification)


def deliver_due(*, limit: int = SWEEP_BATCH) -> dict[str, int]:
    """Attempt the due notifications, oldest first, at most ``limit`` of them."""
    outcomes = {"sent": 0, "failed": 0}
    due = due_notifications().order_by("pk").values_list("pk", flat=True)[:limit]
    for notification_id in list(due):
        outcome = deliver(notification_id)
        if outcome in outcomes:
            outcomes[outcome] += 1
    return outcomes


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
