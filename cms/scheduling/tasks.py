"""Periodic jobs that belong to no domain: Wagtail's scheduled publishing and the
housekeeping of the task queue itself."""

from __future__ import annotations

from django.core.management import call_command
from django_tasks import task
from django_tasks_db import DatabaseBackend

# Finished task results the database backend keeps for inspection in the admin.
KEEP_TASK_RESULTS_DAYS = 14


@task()
def prune_task_results() -> str:
    """Delete finished task results older than two weeks (database backend only)."""
    if not isinstance(prune_task_results.get_backend(), DatabaseBackend):
        return "skipped"
    call_command(
        "prune_db_task_results", min_age_days=KEEP_TASK_RESULTS_DAYS, verbosity=0
    )
    return "pruned"


@task()
def publish_scheduled_pages() -> str:
    """Wagtail's ``publish_scheduled``: pages whose 上线时间 has come go live (三同步
    pairs together: the interpretation follows its policy's signal), pages whose
    下线时间 has come go offline."""
    call_command("publish_scheduled", verbosity=0)
    return "done"
