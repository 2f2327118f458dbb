"""Registration for open activities: register, cancel, promote the waitlist.

Capacity counts people. Every write locks the event's row first (SELECT ... FOR
UPDATE in a transaction), so concurrent registrations for one event run one after
another and the places can never be over-booked; a unique constraint on (event,
phone) among active registrations is the database's own second guard.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.models import Site

from cms.core.submissions import SubmissionRefused, submit_once
from cms.participation import codes
from cms.participation.durability import submission_transaction
from cms.participation.notifications import notify_staff, staff_emails
from cms.participation.validators import normalize_phone

from .forms import RegistrationForm
from .models import EventStatus, OpenEventPage
from .registrations import ACTIVE_STATUSES, EventRegistration, RegistrationStatus
from .selectors import public_events

logger = logging.getLogger(__name__)

CODE_LENGTH = 8
STAFF_PERMISSION = "events.view_eventregistration"

# Sent (after commit) whenever the confirmed places of an event change, with
# ``event_id``: the API drops its cached responses (remainingPlaces) on it.
registrations_changed = Signal()


class RejectionReason(models.TextChoices):
    EVENT_NOT_FOUND = "event_not_found", gettext_lazy("活动不存在或未发布。")
    NO_REGISTRATION = "no_registration", gettext_lazy("本活动无需报名，可直接参加。")
    NOT_YET_OPEN = "not_yet_open", gettext_lazy("报名尚未开始，请在报名开始后再提交。")
    CLOSED = "closed", gettext_lazy("报名已截止。")
    EVENT_CANCELLED = "event_cancelled", gettext_lazy("活动已取消。")
    FULL = "full", gettext_lazy("名额和候补名额均已满。")
    DUPLICATE_PHONE = (
        "duplicate_phone",
        gettext_lazy("该手机号码已报名本活动，请勿重复报名。"),
    )
    REGISTRATION_NOT_FOUND = (
        "registration_not_found",
        gettext_lazy("未找到报名记录，请核对报名码和手机号码。"),
    )
    CANCELLATION_CLOSED = (
        "cancellation_closed",
        gettext_lazy("活动已开始或已结束，不能再取消报名。"),
    )


# What an event that does not accept registrations now answers.
STATUS_REASONS = {
    EventStatus.UPCOMING: RejectionReason.NO_REGISTRATION,
    EventStatus.NOT_OPEN: RejectionReason.NOT_YET_OPEN,
    EventStatus.CLOSED: RejectionReason.CLOSED,
    EventStatus.ONGOING: RejectionReason.CLOSED,
    EventStatus.FINISHED: RejectionReason.CLOSED,
    EventStatus.CANCELLED: RejectionReason.EVENT_CANCELLED,
}


class RegistrationRefused(SubmissionRefused):
    """A registration or cancellation not taken; ``reason`` says which case."""

    def __init__(self, reason: RejectionReason):
        self.reason = reason
        super().__init__(reason.label, code=reason.value)


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: EventRegistration
    created: bool = False


def _locked_event(event_id: int) -> OpenEventPage | None:
    return (
        OpenEventPage.objects.select_for_update(of=("self",))
        .filter(pk=event_id, live=True)
        .first()
    )


def people_by_status(event: OpenEventPage) -> dict[str, int]:
    totals = (
        EventRegistration.objects.filter(event=event, status__in=ACTIVE_STATUSES)
        .values("status")
        .annotate(total=Sum("people_count"))
        .order_by()
    )
    counts = {status: 0 for status in ACTIVE_STATUSES}
    counts.update({row["status"]: row["total"] for row in totals})
    return counts


def remaining_places(event: OpenEventPage) -> int:
    confirmed = people_by_status(event)[RegistrationStatus.CONFIRMED]
    return max(0, event.capacity - confirmed)


def _new_code() -> str:
    return codes.random_code(CODE_LENGTH)


def _announce(event_id: int) -> None:
    transaction.on_commit(
        partial(
            registrations_changed.send_robust,
            sender=EventRegistration,
            event_id=event_id,
        )
    )


def registration_create(
    *,
    site: Site | None,
    event_id: int | None,
    name: str,
    phone: str,
    people_count: int = 1,
    idempotency_key: str = "",
    now=None,
) -> RegistrationOutcome:
    """Register ``people_count`` people for an event public on ``site``: confirmed
    while places last, then waitlisted.

    The waitlist holds as many people again as the capacity. A retry with the same
    ``idempotency_key`` returns the first registration, whatever became of it.
    Raises ``ValidationError`` (these arguments' names) for bad input and
    ``RegistrationRefused`` when the event does not take the registration.
    """
    form = RegistrationForm(
        data={
            "name": name,
            "phone": phone,
            "people_count": people_count,
            "idempotency_key": idempotency_key,
        }
    )
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    data = form.cleaned_data
    if (
        site is None
        or event_id is None
        or not public_events(site=site).filter(pk=event_id).exists()
    ):
        raise RegistrationRefused(RejectionReason.EVENT_NOT_FOUND)
    key = data["idempotency_key"]
    phone = normalize_phone(data["phone"])
    with submission_transaction():
        event = _locked_event(event_id)
        if event is None:
            raise RegistrationRefused(RejectionReason.EVENT_NOT_FOUND)
        submitted = submit_once(
            key=key,
            find=lambda: EventRegistration.objects.filter(idempotency_key=key).first(),
            same=lambda existing: (
                existing.event_id == event.pk and existing.phone == phone
            ),
            conflict_message=_("该幂等键已用于另一份报名，请为新的报名生成新的键。"),
            create=partial(
                _register,
                event=event,
                name=data["name"].strip(),
                phone=phone,
                people_count=data["people_count"],
                idempotency_key=key,
                now=now,
            ),
            on_conflict=partial(_refuse_duplicate, event=event, phone=phone),
            attempts=5,  # a registration code collision draws again
        )
    return RegistrationOutcome(registration=submitted.record, created=submitted.created)


def _refuse_duplicate(*, event: OpenEventPage, phone: str) -> None:
    if EventRegistration.objects.filter(
        event=event, phone=phone, status__in=ACTIVE_STATUSES
    ).exists():
        raise RegistrationRefused(RejectionReason.DUPLICATE_PHONE)


def _register(
    *,
    event: OpenEventPage,
    name: str,
    phone: str,
    people_count: int,
    idempotency_key: str,
    now,
) -> EventRegistration:
    """The new registration, with the event's row locked by the caller."""
    status = event.status_at(now)
    if status != EventStatus.OPEN:
        raise RegistrationRefused(STATUS_REASONS[status])
    if not 1 <= people_count <= event.max_people_per_registration:
        raise ValidationError(
            {
                "people_count": _("人数须在 1 至 %(max)s 人之间。")
                % {"max": event.max_people_per_registration}
            }
        )
    _refuse_duplicate(event=event, phone=phone)
    counts = people_by_status(event)
    if counts[RegistrationStatus.CONFIRMED] + people_count <= event.capacity:
        new_status = RegistrationStatus.CONFIRMED
    elif counts[RegistrationStatus.WAITLISTED] + people_count <= event.capacity:
        new_status = RegistrationStatus.WAITLISTED
    else:
        raise RegistrationRefused(RejectionReason.FULL)
    registration = EventRegistration.objects.create(
        code=_new_code(),
        event=event,
        name=name,
        phone=phone,
        people_count=people_count,
        status=new_status,
        idempotency_key=idempotency_key,
    )
    remaining = event.capacity - counts[RegistrationStatus.CONFIRMED]
    if new_status == RegistrationStatus.CONFIRMED:
        remaining -= people_count
    notify_staff(
        kind="event.registered",
        subject=f"[政府开放活动] {event.title} 新报名（{registration.get_status_display()}）",
        body=(
            f"活动：{event.title}\n报名码：{registration.code}\n"
            f"人数：{people_count}\n状态：{registration.get_status_display()}\n"
            f"剩余名额：{max(0, remaining)}\n"
            "报名人信息请登录后台查看。"
        ),
        recipients=staff_emails(STAFF_PERMISSION),
        reference=f"events.EventRegistration:{registration.pk}",
    )
    if new_status == RegistrationStatus.CONFIRMED:
        _announce(event.pk)
    transaction.on_commit(
        partial(_enqueue_attendee_message, registration.pk, "registered")
    )
    return registration


def registration_cancel(
    *, code: str, phone: str, now=None, by_staff: bool = False
) -> RegistrationOutcome:
    """Cancel by code and phone (the registrant), freeing places for the waitlist.

    Cancelling twice answers the cancelled registration again. Raises
    ``RegistrationRefused`` for an unknown code or phone, or once the event began.
    """
    now = now or timezone.now()
    code = code[:20].strip().upper()
    phone = normalize_phone(phone[:30])
    found = (
        EventRegistration.objects.filter(code=code)
        .only("pk", "event_id", "phone")
        .first()
    )
    if found is None or not secrets.compare_digest(found.phone, phone):
        raise RegistrationRefused(RejectionReason.REGISTRATION_NOT_FOUND)
    with submission_transaction():
        event = OpenEventPage.objects.select_for_update(of=("self",)).get(
            pk=found.event_id
        )
        registration = EventRegistration.objects.get(pk=found.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return RegistrationOutcome(registration=registration)
        if not by_staff and now >= event.start_at:
            raise RegistrationRefused(RejectionReason.CANCELLATION_CLOSED)
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = promote_waitlist(event=event, now=now) if was_confirmed else []
        notify_staff(
            kind="event.cancelled",
            subject=f"[政府开放活动] {event.title} 取消报名 {registration.code}",
            body=(
                f"活动：{event.title}\n报名码：{registration.code}\n"
                f"释放名额：{registration.people_count if was_confirmed else 0}\n"
                f"候补转正：{len(promoted)} 条报名"
            ),
            recipients=staff_emails(STAFF_PERMISSION),
            reference=f"events.EventRegistration:{registration.pk}",
        )
        if was_confirmed:
            _announce(event.pk)
    return RegistrationOutcome(registration=registration)


def promote_waitlist(*, event: OpenEventPage, now=None) -> list[EventRegistration]:
    """Confirm waitlisted registrations first come, first served, each whole.

    Call with the event row locked. A registration too large for the free places
    is passed over (it stays first in line) for smaller ones behind it.
    """
    now = now or timezone.now()
    free = event.capacity - people_by_status(event)[RegistrationStatus.CONFIRMED]
    promoted = []
    waiting = EventRegistration.objects.filter(
        event=event, status=RegistrationStatus.WAITLISTED
    ).order_by("created_at", "pk")
    for registration in waiting:
        if free <= 0:
            break
        if registration.people_count <= free:
            registration.status = RegistrationStatus.CONFIRMED
            registration.promoted_at = now
            registration.save(update_fields=["status", "promoted_at"])
            free -= registration.people_count
            promoted.append(registration)
            transaction.on_commit(
                partial(_enqueue_attendee_message, registration.pk, "promoted")
            )
    return promoted


# --- Messages to registrants (SMS / WeChat later) ----------------------------------------


def _enqueue_attendee_message(registration_id: int, kind: str) -> None:
    try:
        notify_attendee.enqueue(registration_id, kind)
    except Exception:
        logger.exception("Could not enqueue attendee message %s", registration_id)


@task()
def notify_attendee(registration_id: int, kind: str) -> str:
    """The hook point for SMS / WeChat messages to registrants ("registered",
    "promoted"). No channel is configured yet: the message is only logged."""
    registration = EventRegistration.objects.filter(pk=registration_id).first()
    if registration is None:
        return "skipped"
    logger.info(
        "Attendee message %s for registration %s (no SMS/WeChat channel configured)",
        kind,
        registration.code,
    )
    return "logged"
