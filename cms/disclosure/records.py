"""The record of an application: its events and its stored clock.

Every step writes an ``ApplicationEvent``; the due date ``clock.py`` computes is
stored on the application (for listings and dashboards) and recomputed when a
step or the working-day calendar changes it.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from . import clock
from .models import (
    OPEN_STATUSES,
    ApplicationEvent,
    DisclosureApplication,
)


def reference(application: DisclosureApplication) -> str:
    """How notifications refer to an application."""
    return f"disclosure.DisclosureApplication:{application.pk}"


def today() -> datetime.date:
    return timezone.localdate()


def record_event(
    application: DisclosureApplication,
    kind: str,
    *,
    user=None,
    on: datetime.date | None = None,
    message: str = "",
    data: dict | None = None,
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        on_date=on or today(),
        user=user,
        message=message,
        data=data or {},
    )


def clock_input(application: DisclosureApplication) -> clock.ClockInput:
    correction = getattr(application, "correction", None) if application.pk else None
    extension = getattr(application, "extension", None) if application.pk else None
    pauses = clock.pauses_from(application.pauses.all()) if application.pk else ()
    return clock.ClockInput(
        received_date=application.received_date,
        correction_requested_on=correction.requested_on if correction else None,
        correction_restart_date=correction.restart_date if correction else None,
        pauses=pauses,
        extension_days=extension.days if extension else 0,
    )


def apply_clock(application: DisclosureApplication) -> clock.ClockState:
    state = clock.compute(clock_input(application))
    application.due_date = state.due_date
    application.due_date_provisional = state.provisional
    application.clock_stopped = state.stopped
    return state


def refresh_clock(application: DisclosureApplication) -> DisclosureApplication:
    """Recompute and store the due date (e.g. after the calendar was corrected)."""
    for relation in ("correction", "extension"):
        application._state.fields_cache.pop(relation, None)
    apply_clock(application)
    application.save(
        update_fields=["due_date", "due_date_provisional", "clock_stopped"]
    )
    return application


def refresh_open_clocks() -> int:
    """Recompute the due dates of open applications after the calendar changed.

    Returns how many due dates moved.
    """
    applications = list(
        DisclosureApplication.objects.filter(status__in=OPEN_STATUSES)
        .select_related("correction", "extension")
        .prefetch_related("pauses")
    )
    changed = []
    for application in applications:
        before = (
            application.due_date,
            application.due_date_provisional,
            application.clock_stopped,
        )
        apply_clock(application)
        after = (
            application.due_date,
            application.due_date_provisional,
            application.clock_stopped,
        )
        if after != before:
            changed.append(application)
    DisclosureApplication.objects.bulk_update(
        changed, ["due_date", "due_date_provisional", "clock_stopped"]
    )
    return len(changed)


def calendar_changed(**kwargs) -> None:
    """Signal receiver: once the calendar change commits, move the due dates."""
    transaction.on_commit(refresh_open_clocks)
