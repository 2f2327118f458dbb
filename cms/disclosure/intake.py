"""Receiving a public application: validation, idempotency, tracking number, query code.

The query code is never stored (see cms.participation.codes): the database alone
reveals no code and a retried submission can hand out the same code again.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import F
from django.utils import timezone

from cms.participation import codes
from cms.participation.durability import submission_transaction
from cms.participation.notifications import notify_staff, staff_emails

from . import clock
from .forms import ApplicationForm
from .models import Channel, DisclosureApplication, EventKind, TrackingCounter
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


def _replay(existing: DisclosureApplication, id_number: str) -> Receipt:
    if existing.id_number != id_number:
        raise ValidationError(
            {
                "idempotency_key": "该幂等键已用于另一份申请，请为新的申请生成新的幂等键。"
            }
        )
    return Receipt(existing, query_code_for(existing), created=False)


def submit_application(
    *, data: Mapping[str, object], received_at: datetime.datetime | None = None
) -> Receipt:
    """Validate and store a public application; a retried key returns the first receipt.

    Raises ValidationError (field names as in ``ApplicationForm``) when invalid.
    """
    received_at = received_at or timezone.now()
    return _receive(
        ApplicationForm(data=dict(data)),
        received_at=received_at,
        received_on=timezone.localdate(received_at),
        channel=Channel.ONLINE,
    )


def register_paper_application(
    *,
    data: Mapping[str, object],
    channel: str,
    received_on: datetime.date,
    user,
) -> Receipt:
    """Record an application received in person, by post or by fax (staff intake).

    ``received_on`` is the day the law counts from (条例 第三十一条): the day it was
    handed in, signed for (for an ordinary letter: confirmed with the applicant) or,
    for a fax, confirmed by both sides; a day off moves it to the next working day,
    as for online applications. The same rules as online apply to the content, and a
    repeated form submission (same key) returns the first receipt.
    """
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise ValidationError({"channel": "请选择书面申请的提交方式。"})
    return _receive(
        ApplicationForm(data=dict(data)),
        received_at=timezone.now(),
        received_on=received_on,
        channel=channel,
        registered_by=user,
    )


def _receive(
    form: ApplicationForm,
    *,
    received_at: datetime.datetime,
    received_on: datetime.date,
    channel: str,
    registered_by=None,
) -> Receipt:
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    key = form.cleaned_data["idempotency_key"]
    id_number = form.cleaned_data["id_number"]
    existing = DisclosureApplication.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return _replay(existing, id_number)
    try:
        with submission_transaction():
            application = form.save(commit=False)
            application.idempotency_key = key
            application.channel = channel
            application.registered_by = registered_by
            application.received_at = received_at
            application.received_date = clock.received_date_for(received_on)
            application.tracking_number = _next_tracking_number(received_on.year)
            application.query_code_salt = codes.new_salt()
            apply_clock(application)
            application.save()
            record_event(
                application,
                EventKind.RECEIVED,
                user=registered_by,
                on=received_on,
                message=_received_message(
                    received_on, application.received_date, channel
                ),
            )
            if registered_by is None:  # staff who register a letter need no e-mail
                _notify_staff_of(application)
    except IntegrityError:
        # A concurrent retry with the same key won the race: answer its receipt.
        existing = DisclosureApplication.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return _replay(existing, id_number)
    return Receipt(application, query_code_for(application), created=True)


def _notify_staff_of(application: DisclosureApplication) -> None:
    notify_staff(
        kind="disclosure.application",
        subject=f"新的政府信息公开申请 {application.tracking_number}",
        body=(
            f"收到政府信息公开申请 {application.tracking_number}，"
            f"收到申请之日 {application.received_date:%Y-%m-%d}，"
            f"答复期限 {application.due_date:%Y-%m-%d}"
            f"{'（暂定）' if application.due_date_provisional else ''}。"
            "请登录后台办理。"
        ),
        recipients=staff_emails(STAFF_PERMISSION),
        reference=reference(application),
    )


def _received_message(
    day: datetime.date, received_date: datetime.date, channel: str
) -> str:
    parts = []
    if channel != Channel.ONLINE:
        parts.append(f"书面申请（{Channel(channel).label}），由工作人员登记。")
    if day != received_date:
        parts.append(f"非工作日收到，以 {received_date:%Y-%m-%d} 为收到申请之日。")
    return "".join(parts)
