"""Existing applications under the receipt rules of 条例第三十一条 (see 0006).

Until now a receipt on a day off was moved to the next working day and that day was
then not counted, so every such deadline came one working day late.

1. Online applications: the old receipt date is kept as the date both sides
   confirmed them (第三十一条第（三）项). Submitted on a working day, the system
   acknowledged them at submission (confirmed at ``received_at``); submitted on a
   day off, the old date is the next working day, on which the automatic
   acknowledgement now falls, confirmed at the start of that day. A
   ``receipt_confirmed`` event records it. Their due dates do not change from this.
2. Open paper applications (in person, post, fax): the receipt date becomes the day
   staff entered (kept as the date of their 收到申请 event), no longer moved to a
   working day (第三十一条第（一）、（二）项).
3. Open applications whose corrected application arrived: the restart date becomes
   the day it was received (第三十条).
4. Every open application's clock is recomputed with these dates, with consultation
   days counted once where they overlap (第三十三条第二款) and the new estimate of
   unpublished years; a due date that moves is recorded in an event. Answered and
   closed applications keep the dates their reply notices quote.

Reverse: the new fields are emptied; dates are not moved back (the old dates were
wrong, and nothing depends on them).
"""

import datetime

from django.db import migrations
from django.db.models import F
from django.utils import timezone

OPEN = (
    "received",
    "accepted",
    "correction",
    "consultation",
    "reply_drafted",
    "legal_review",
)
BASIS = {
    "online": "confirmed",
    "in_person": "handed_in",
    "post": "signed_for",
    "fax": "confirmed",
}


def _clock_state(application, clock):
    correction = getattr(application, "correction", None)
    extension = getattr(application, "extension", None)
    return clock.compute(
        clock.ClockInput(
            received_date=application.received_date,
            correction_requested_on=correction.requested_on if correction else None,
            correction_restart_date=correction.restart_date if correction else None,
            pauses=clock.pauses_from(application.pauses.all()),
            extension_days=extension.days if extension else 0,
        )
    )


def _day(value):
    return f"{value:%Y-%m-%d}" if value else "无（计时中止）"


def forwards(apps, schema_editor):
    Application = apps.get_model("disclosure", "DisclosureApplication")
    Event = apps.get_model("disclosure", "ApplicationEvent")
    Correction = apps.get_model("disclosure", "Correction")
    if not Application.objects.exists():
        return
    # The clock's pure functions read the working-day calendar (the overrides in
    # cms.workdays, whose table exists by then) and no disclosure model.
    from cms.disclosure import clock
    from cms.workdays import calendar

    calendar.clear_local_cache()
    today = timezone.localdate()
    events = []

    online = Application.objects.filter(channel="online", receipt_basis="")
    for application in online.exclude(received_date=None).iterator():
        submitted = timezone.localdate(application.received_at)
        if submitted == application.received_date:
            confirmed_at = application.received_at
            how = "提交当日（工作日）系统自动确认"
        else:
            confirmed_at = timezone.make_aware(
                datetime.datetime.combine(application.received_date, datetime.time())
            )
            how = "非工作日提交，以其后第一个工作日为系统自动确认之日"
        Application.objects.filter(pk=application.pk).update(
            receipt_basis="confirmed", receipt_confirmed_at=confirmed_at
        )
        events.append(
            Event(
                application_id=application.pk,
                kind="receipt_confirmed",
                on_date=application.received_date,
                message=f"网上申请，{how}，以 {application.received_date:%Y-%m-%d} "
                "为收到申请之日（条例第三十一条第（三）项；按新规则补记）。",
                data={"migration": "0007"},
            )
        )

    for channel, basis in BASIS.items():
        Application.objects.filter(channel=channel, receipt_basis="").exclude(
            received_date=None
        ).update(receipt_basis=basis)

    notes: dict[int, list[str]] = {}
    open_rows = Application.objects.filter(status__in=OPEN).order_by("pk")
    for application in open_rows.exclude(channel="online"):
        entered = (
            Event.objects.filter(application_id=application.pk, kind="received")
            .order_by("created_at", "pk")
            .values_list("on_date", flat=True)
            .first()
        )
        if entered is None or entered == application.received_date:
            continue
        notes.setdefault(application.pk, []).append(
            f"收到申请之日由 {application.received_date:%Y-%m-%d} 更正为登记的"
            f" {entered:%Y-%m-%d}（条例第三十一条，非工作日收到的不再顺延）"
        )
        Application.objects.filter(pk=application.pk).update(received_date=entered)

    corrections = Correction.objects.filter(
        application__status__in=OPEN, received_on__isnull=False
    ).exclude(restart_date=F("received_on"))
    for correction in corrections:
        notes.setdefault(correction.application_id, []).append(
            f"重新计时起算日由 {_day(correction.restart_date)} 更正为收到补正之日"
            f" {correction.received_on:%Y-%m-%d}（条例第三十条）"
        )
        Correction.objects.filter(pk=correction.pk).update(
            restart_date=correction.received_on
        )

    for application in open_rows.select_related("correction", "extension"):
        state = _clock_state(application, clock)
        before = (application.due_date, application.due_date_provisional)
        after = (state.due_date, state.provisional)
        Application.objects.filter(pk=application.pk).update(
            due_date=state.due_date,
            due_date_provisional=state.provisional,
            clock_stopped=state.stopped,
        )
        if before != after:
            notes.setdefault(application.pk, []).append(
                f"答复期限由 {_day(before[0])}{'（暂定）' if before[1] else ''} "
                f"改为 {_day(after[0])}{'（暂定）' if after[1] else ''}"
            )
    for pk, items in notes.items():
        events.append(
            Event(
                application_id=pk,
                kind="deadline_recalculated",
                on_date=today,
                message="按条例第三十条、第三十一条、第三十三条重新计算（收到申请之日"
                "当天不计、非工作日收到的不顺延、重叠的征求意见期间只扣除一次）："
                + "；".join(items)
                + "。",
                data={"migration": "0007"},
            )
        )
    Event.objects.bulk_create(events)


def backwards(apps, schema_editor):
    """Empty the new fields; a receipt still awaiting confirmation gets the date the
    old rule gave it (the next working day), as 0006 reversed needs a date."""
    Application = apps.get_model("disclosure", "DisclosureApplication")
    from cms.workdays import calendar

    for application in Application.objects.filter(received_date=None):
        day = calendar.next_working_day(timezone.localdate(application.received_at))
        Application.objects.filter(pk=application.pk).update(received_date=day)
    Application.objects.update(
        receipt_basis="", receipt_confirmed_at=None, receipt_confirmed_by=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0006_receipt_confirmation"),
        ("workdays", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
