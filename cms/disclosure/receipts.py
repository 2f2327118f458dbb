"""Confirming the receipt of an online application (条例第三十一条第（三）项).

An application sent through the website or the mini-program is received on the day
both sides confirm it. The applicant confirms by submitting; the office confirms by
acknowledging it:
- submitted on a working day, the system acknowledges it at once (intake.py);
- submitted on a day off, the system acknowledges it on the next working day
  (``confirm_pending_receipts``, run by the scheduler every few minutes), unless
  staff confirm it in the admin first (``confirm_receipt``), e.g. on a day off the
  office works.
The confirmation date is the receipt date; the 7 days for 补正 and the 20 days for
the reply count from the next day. The applicant who left an e-mail address is told.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cms.workdays import calendar

from .intake import confirmed_message, due_summary
from .models import Channel, DisclosureApplication, EventKind, ReceiptBasis
from .records import apply_clock, record_event, today


def pending_receipts():
    """Online applications whose receipt is not yet confirmed, oldest first."""
    return DisclosureApplication.objects.filter(
        channel=Channel.ONLINE, received_date__isnull=True
    ).order_by("received_at", "pk")


def _confirm(application, *, user, on: datetime.date) -> DisclosureApplication:
    application.received_date = on
    application.receipt_basis = ReceiptBasis.CONFIRMED
    application.receipt_confirmed_at = timezone.now()
    application.receipt_confirmed_by = user
    apply_clock(application)
    application.save()
    record_event(
        application,
        EventKind.RECEIPT_CONFIRMED,
        user=user,
        on=on,
        message=confirmed_message(application, automatic=user is None),
    )
    if application.email:
        from .services import notify_applicant

        notify_applicant(
            application,
            user=user,
            subject=f"政府信息公开申请 {application.tracking_number} 已确认收到",
            body=(
                f"本机关已确认收到您的政府信息公开申请 {application.tracking_number}，"
                f"{due_summary(application)}。请凭申请编号和查询码查询办理进度。"
            ),
            kind="disclosure.receipt_confirmed",
        )
    return application


@transaction.atomic
def confirm_receipt(*, application, user, on: datetime.date | None = None):
    """Staff confirm the receipt of an online application on ``on`` (default today)."""
    on = on or today()
    application = DisclosureApplication.objects.select_for_update().get(
        pk=application.pk
    )
    if application.channel != Channel.ONLINE:
        raise ValidationError(
            "只有网上申请需要确认收到；书面申请在登记时已确定收到之日。"
        )
    if application.received_date is not None:
        raise ValidationError(
            f"本申请已于 {application.received_date:%Y-%m-%d} 确认收到。"
        )
    if on < application.submitted_on:
        raise ValidationError(
            {
                "on": f"确认收到日期不能早于申请提交之日"
                f"（{application.submitted_on:%Y-%m-%d}）。"
            }
        )
    if on > today():
        raise ValidationError({"on": "确认收到日期不能晚于今天。"})
    return _confirm(application, user=user, on=on)


def confirm_pending_receipts(*, on: datetime.date | None = None) -> int:
    """The automatic acknowledgement: on a working day, confirm what waits for it.

    Returns how many applications were confirmed. On a day off it does nothing:
    the acknowledgement, and so the receipt date, is on a working day.
    """
    on = on or today()
    if not calendar.is_working_day(on):
        return 0
    confirmed = 0
    for pk in pending_receipts().values_list("pk", flat=True):
        with transaction.atomic():
            application = (
                DisclosureApplication.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, received_date__isnull=True)
                .first()
            )
            if application is None or application.submitted_on > on:
                continue
            _confirm(application, user=None, on=on)
            confirmed += 1
    return confirmed
