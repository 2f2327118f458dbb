"""The APScheduler that enqueues the periodic tasks of ``schedule.py``.

Jobs only enqueue (the task backend runs them), so they run in the scheduler's own
thread (DebugExecutor): no thread pool, no extra database connections. A job that
was due while the scheduler was down runs once when it is back (coalesce), at most
one run of a job at a time.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from django.db import close_old_connections

from .schedule import PeriodicTask

logger = logging.getLogger(__name__)

MISFIRE_GRACE_SECONDS = 300


def enqueue(entry: PeriodicTask) -> None:
    # Like a request: drop connections that died or aged out while idle.
    close_old_connections()
    try:
        result = entry.task.enqueue()
    except Exception:
        logger.exception("Scheduler: could not enqueue %s", entry.name)
    else:
        logger.info("Scheduler: enqueued %s (%s)", entry.name, result.id)
    finally:
        close_old_connections()


def build_scheduler(
    entries: Iterable[PeriodicTask], *, timezone: str, run_now: bool = False
) -> BlockingScheduler:
    scheduler = BlockingScheduler(
        timezone=timezone,
        executors={"default": DebugExecutor()},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
        },
    )
    for entry in entries:
        extra = {"next_run_time": now(timezone)} if run_now else {}
        scheduler.add_job(
            enqueue,
            trigger=entry.trigger(timezone),
            args=[entry],
            id=entry.name,
            name=entry.description,
            **extra,
        )
    return scheduler


def now(timezone: str) -> datetime.datetime:
    from zoneinfo import ZoneInfo

    return datetime.datetime.now(ZoneInfo(timezone))


def next_run(entry: PeriodicTask, timezone: str) -> datetime.datetime | None:
    return entry.trigger(timezone).get_next_fire_time(None, now(timezone))
