"""Reads: the applicant's lookup, the office's deadline views and the history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.participation import codes
from cms.participation.masking import (
    mask_address,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
)

from . import clock
from .intake import check_query_code
from .models import (
    OPEN_STATUSES,
    ApplicationEvent,
    DisclosureApplication,
    Status,
)


class PublicStatus(models.TextChoices):
    """What the applicant sees: internal steps (拟稿, 法制审核) read as 办理中."""

    RECEIVED = "received", _("已收到")
    PROCESSING = "processing", _("办理中")
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    CONSULTING = "consulting", _("征求意见中（不计入答复期限）")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")


PUBLIC_STATUS = {
    Status.RECEIVED: PublicStatus.RECEIVED,
    Status.ACCEPTED: PublicStatus.PROCESSING,
    Status.CORRECTION: PublicStatus.AWAITING_CORRECTION,
    Status.CONSULTATION: PublicStatus.CONSULTING,
    Status.REPLY_DRAFTED: PublicStatus.PROCESSING,
    Status.LEGAL_REVIEW: PublicStatus.PROCESSING,
    Status.REPLIED: PublicStatus.REPLIED,
    Status.CLOSED: PublicStatus.CLOSED,
}


def public_status(application: DisclosureApplication) -> PublicStatus:
    return PUBLIC_STATUS[Status(application.status)]


DEADLINE_OVERDUE = "overdue"
DEADLINE_DUE_SOON = "due_soon"
DEADLINE_STOPPED = "stopped"
DEADLINE_AWAITING_RECEIPT = "awaiting_receipt"


def lookup_application(
    *, tracking_number: str, query_code: str
) -> DisclosureApplication | None:
    """The application for its tracking number and query code, else None.

    An unknown tracking number costs the same HMAC as a wrong code, so the answer
    time does not tell which of the two was wrong.
    """
    tracking_number = (tracking_number or "").strip().upper()[:20]
    application = (
        DisclosureApplication.objects.select_related("extension")
        .filter(tracking_number=tracking_number)
        .first()
    )
    if application is None:
        check_query_code(
            DisclosureApplication(
                tracking_number=tracking_number, query_code_salt=codes.new_salt()
            ),
            query_code,
        )
        return None
    return application if check_query_code(application, query_code) else None


def open_applications() -> QuerySet[DisclosureApplication]:
    return DisclosureApplication.objects.filter(status__in=OPEN_STATUSES)


def overdue(today: datetime.date | None = None) -> QuerySet[DisclosureApplication]:
    today = today or timezone.localdate()
    return open_applications().filter(due_date__lt=today)


def due_soon(today: datetime.date | None = None) -> QuerySet[DisclosureApplication]:
    """Open applications due within 5 working days (today included), not yet overdue."""
    today = today or timezone.localdate()
    return open_applications().filter(
        due_date__gte=today, due_date__lte=clock.due_soon_limit(today)
    )


def clock_stopped() -> QuerySet[DisclosureApplication]:
    return open_applications().filter(clock_stopped=True)


def awaiting_receipt() -> QuerySet[DisclosureApplication]:
    """Online applications submitted on a day off, not yet confirmed (第三十一条)."""
    return (
        open_applications()
        .filter(received_date__isnull=True)
        .order_by("received_at", "pk")
    )


def filter_by_deadline(
    queryset: QuerySet[DisclosureApplication],
    deadline: str,
    today: datetime.date | None = None,
) -> QuerySet[DisclosureApplication]:
    ids = {
        DEADLINE_OVERDUE: overdue,
        DEADLINE_DUE_SOON: due_soon,
        DEADLINE_STOPPED: lambda today: clock_stopped(),
        DEADLINE_AWAITING_RECEIPT: lambda today: awaiting_receipt(),
    }
    if deadline not in ids:
        return queryset
    return queryset.filter(pk__in=ids[deadline](today).values("pk"))


@dataclass(frozen=True)
class DashboardCounts:
    open: int
    due_soon: int
    overdue: int
    stopped: int
    awaiting_receipt: int


def dashboard_counts(today: datetime.date | None = None) -> DashboardCounts:
    today = today or timezone.localdate()
    return DashboardCounts(
        open=open_applications().count(),
        due_soon=due_soon(today).count(),
        overdue=overdue(today).count(),
        stopped=clock_stopped().count(),
        awaiting_receipt=awaiting_receipt().count(),
    )


def deadline_list(
    today: datetime.date | None = None,
) -> QuerySet[DisclosureApplication]:
    """Overdue and due-soon applications, the most urgent first."""
    today = today or timezone.localdate()
    return (
        open_applications()
        .filter(due_date__lte=clock.due_soon_limit(today))
        .select_related("assignee")
        .order_by("due_date", "pk")
    )


def history(application: DisclosureApplication) -> QuerySet[ApplicationEvent]:
    return application.events.select_related("user").order_by("created_at", "pk")


def days_left(
    application: DisclosureApplication, today: datetime.date | None = None
) -> int | None:
    if application.due_date is None or not application.is_open:
        return None
    return clock.working_days_left(application.due_date, today or timezone.localdate())


def reply_notice_text(application: DisclosureApplication) -> str:
    """The latest reply notice's text (else the approved reply), personal data masked.

    The applicant reads it with the tracking number and query code only; the name,
    ID number and contact details it may quote are masked all the same.
    """
    from .notices import latest_notice

    notice = latest_notice(application)
    text = notice.body if notice is not None else application.reply_text
    masks = (
        (application.id_number, mask_id_number),
        (application.phone, mask_phone),
        (application.email, mask_email),
        (application.address, mask_address),
        (application.name, mask_name),
    )
    for value, mask in masks:
        if value:
            text = text.replace(value, mask(value))
    return text
