"""Receiving a public application: validation, idempotency, tracking number, query code.

The query code is never stored (see cms.participation.codes): the database alone
reveals no code and a retried submission can hand out the same code again.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from cms.core.submissions import submit_once
from cms.participation import codes
from cms.participation.notifications import notify_staff, staff_emails
from cms.workdays import calendar

from . import clock
from .forms import ApplicationForm
from .models import (
    RECEIPT_BASIS_BY_CHANNEL,
    Channel,
    DisclosureApplication,
    EventKind,
    ReceiptBasis,
    TrackingCounter,
)
from .records import apply_clock, record_event, reference

QUERY_CODE_LENGTH = 10
QUERY_CODE_SALT = "cms.disclosure.query_code"
STAFF_PERMISSION = "disclosure.change_disclosureapplication"


@dataclass(frozen=True)
class Receipt:
    application: DisclosureApplication
    query_code: str
    created: bool


# --- the query code -----------------------------------------------------------------


def query_code_for(application: DisclosureApplication) -> str:
    return codes.derived_code(
        purpose=QUERY_CODE_SALT,
        tracking_number=application.tracking_number,
        salt=application.query_code_salt,
        length=QUERY_CODE_LENGTH,
    )


def check_query_code(application: DisclosureApplication, code: str) -> bool:
    """Constant-time comparison, also against the fallback secrets after a key rotation."""
    return codes.code_matches(
        purpose=QUERY_CODE_SALT,
        tracking_number=application.tracking_number,
        salt=application.query_code_salt,
        length=QUERY_CODE_LENGTH,
        given=code,
    )


# --- receiving ----------------------------------------------------------------------


def _next_tracking_number(year: int) -> str:
    TrackingCounter.objects.get_or_create(year=year)
    # The UPDATE locks the counter row until commit: concurrent submissions queue here.
    TrackingCounter.objects.filter(year=year).update(last=F("last") + 1)
    last = TrackingCounter.objects.get(year=year).last
    return f"YSQ-{year}-{last:06d}"


def application_submit(
    *,
    applicant_type: str,
    name: str,
    id_type: str,
    id_number: str,
    phone: str,
    description: str,
    delivery_method: str,
    idempotency_key: str,
    email: str = "",
    address: str = "",
    doc_number: str = "",
    received_at: datetime.datetime | None = None,
) -> Receipt:
    """Validate and store a public application; a retried key returns the first receipt.

    An online application is received on the day both sides confirm it (条例第三十一条
    第（三）项): submitted on a working day, the system acknowledges it at once and
    that day is its receipt date; submitted on a day off, it waits for the
    acknowledgement on the next working day (receipts.py), or for staff to confirm
    it earlier, and has no receipt date or due date until then.

    Raises ValidationError (these arguments' names, as in ``ApplicationForm``) when
    invalid.
    """
    received_at = received_at or timezone.now()
    submitted_on = timezone.localdate(received_at)
    acknowledged = calendar.is_working_day(submitted_on)
    form = ApplicationForm(
        data={
            "applicant_type": applicant_type,
            "name": name,
            "id_type": id_type,
            "id_number": id_number,
            "phone": phone,
            "email": email,
            "address": address,
            "description": description,
            "doc_number": doc_number,
            "delivery_method": delivery_method,
            "idempotency_key": idempotency_key,
        }
    )
    return _receive(
        form,
        received_at=received_at,
        submitted_on=submitted_on,
        received_date=submitted_on if acknowledged else None,
        channel=Channel.ONLINE,
    )


def register_paper_application(
    *,
    data: Mapping[str, object],
    channel: str,
    received_on: datetime.date,
    user,
    ordinary_letter: bool = False,
) -> Receipt:
    """Record an application received in person, by post or by fax (staff intake).

    ``received_on`` is the receipt date the law fixes (条例第三十一条): the day it was
    handed in; for a letter, the day it was signed for, or for an ordinary letter
    (``ordinary_letter``, no signature) the day it was confirmed with the applicant;
    for a fax, the day both sides confirmed it. It is never moved to a working day:
    a letter signed for on a Saturday was received that Saturday, and the periods
    count from the next day. The same rules as online apply to the content, and a
    repeated form submission (same key) returns the first receipt.
    """
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise ValidationError({"channel": "请选择书面申请的提交方式。"})
    if ordinary_letter and channel != Channel.POST:
        raise ValidationError(
            {"ordinary_letter": "只有邮寄的申请才有平常信函（无需签收）的情形。"}
        )
    basis = RECEIPT_BASIS_BY_CHANNEL[Channel(channel)]
    if ordinary_letter:
        basis = ReceiptBasis.CONFIRMED
    return _receive(
        ApplicationForm(data=dict(data)),
        received_at=timezone.now(),
        submitted_on=received_on,
        received_date=received_on,
        channel=channel,
        basis=basis,
        registered_by=user,
    )


def _receive(
    form: ApplicationForm,
    *,
    received_at: datetime.datetime,
    submitted_on: datetime.date,
    received_date: datetime.date | None,
    channel: str,
    basis: str = ReceiptBasis.CONFIRMED,
    registered_by=None,
) -> Receipt:
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    key = form.cleaned_data["idempotency_key"]
    id_number = form.cleaned_data["id_number"]

    def create() -> DisclosureApplication:
        application = form.save(commit=False)
        application.idempotency_key = key
        application.channel = channel
        application.registered_by = registered_by
        application.received_at = received_at
        application.received_date = received_date
        if received_date is not None:
            application.receipt_basis = basis
            if channel == Channel.ONLINE:
                application.receipt_confirmed_at = received_at
        application.tracking_number = _next_tracking_number(submitted_on.year)
        application.query_code_salt = codes.new_salt()
        apply_clock(application)
        application.save()
        record_event(
            application,
            EventKind.RECEIVED,
            user=registered_by,
            on=submitted_on,
            message=_received_message(application, submitted_on),
        )
        if channel == Channel.ONLINE and received_date is not None:
            record_event(
                application,
                EventKind.RECEIPT_CONFIRMED,
                on=received_date,
                message=confirmed_message(application, automatic=True),
            )
        if registered_by is None:  # staff who register a letter need no e-mail
            _notify_staff_of(application)
        return application

    # A concurrent retry with the same key that wins the race is answered too.
    submitted = submit_once(
        key=key,
        find=lambda: DisclosureApplication.objects.filter(idempotency_key=key).first(),
        same=lambda existing: existing.id_number == id_number,
        conflict_message=("该幂等键已用于另一份申请，请为新的申请生成新的幂等键。"),
        create=create,
    )
    application = submitted.record
    return Receipt(application, query_code_for(application), created=submitted.created)


def due_summary(application: DisclosureApplication) -> str:
    """收到申请之日 and 答复期限 in one phrase, for messages and notifications."""
    if application.received_date is None:
        return (
            "非工作日网上提交，将于 "
            f"{clock.acknowledgement_date(application.submitted_on):%Y-%m-%d}"
            "（其后第一个工作日）确认收到，答复期限自确认之日的次日起计算"
        )
    due = (
        f"{application.due_date:%Y-%m-%d}"
        f"{'（暂定）' if application.due_date_provisional else ''}"
        if application.due_date
        else "计时中止"
    )
    return f"收到申请之日 {application.received_date:%Y-%m-%d}，答复期限 {due}"


def confirmed_message(application: DisclosureApplication, *, automatic: bool) -> str:
    who = "系统于工作日自动确认收到" if automatic else "工作人员确认收到"
    return (
        f"网上申请，{who}，以确认之日 {application.received_date:%Y-%m-%d} 为收到申请"
        "之日（条例第三十一条第（三）项）。"
    )


def _notify_staff_of(application: DisclosureApplication) -> None:
    notify_staff(
        kind="disclosure.application",
        subject=f"新的政府信息公开申请 {application.tracking_number}",
        body=(
            f"收到政府信息公开申请 {application.tracking_number}，"
            f"{due_summary(application)}。请登录后台办理。"
        ),
        recipients=staff_emails(STAFF_PERMISSION),
        reference=reference(application),
    )


def _received_message(application: DisclosureApplication, day: datetime.date) -> str:
    if application.channel == Channel.ONLINE:
        if application.received_date is None:
            return f"{due_summary(application)}。"
        return ""
    basis = ReceiptBasis(application.receipt_basis).label
    return (
        f"书面申请（{application.get_channel_display()}），由工作人员登记；"
        f"以{basis} {day:%Y-%m-%d} 为收到申请之日（条例第三十一条）。"
    )
