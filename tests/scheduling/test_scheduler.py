"""The periodic jobs: one registry, and a scheduler that enqueues what is due."""

from __future__ import annotations

import datetime
import signal
import time
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks.base import Task

from cms.participation.models import Notification, NotificationStatus
from cms.scheduling.schedule import PERIODIC_TASKS, every
from cms.scheduling.scheduler import next_run

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_every_entry_is_a_task_with_a_valid_cron_and_a_unique_name():
    assert all(isinstance(entry.task, Task) for entry in PERIODIC_TASKS)
    names = [entry.name for entry in PERIODIC_TASKS]
    assert len(set(names)) == len(names)
    assert names == [
        "cms.participation.notifications.retry_due_notifications",
        "cms.scheduling.tasks.publish_scheduled_pages",
        "cms.scheduling.tasks.prune_task_results",
        "cms.disclosure.tasks.confirm_online_receipts",
        "search.updates.retry_due_updates",
        "cms.credit.tasks.withdraw_expired_decisions",
        "cms.fiscal.tasks.disclose_due_disclosures",
        "cms.compliance.tasks.compliance_daily_round",
        "cms.linkcheck.tasks.nightly_link_inspection",
        "cms.cleanup.tasks.advance_policy_validity",
        "cms.cleanup.tasks.propose_cleanup_tasks",
        "cms.subscriptions.delivery.retry_due_messages",
        "cms.subscriptions.digests.send_daily_digests",
        "cms.subscriptions.digests.send_weekly_digests",
        "cms.subscriptions.changes.end_expired_policies",
        "cms.subscriptions.retention.purge_subscription_data",
    ]
    for entry in PERIODIC_TASKS:
        assert entry.description
        assert next_run(entry, "Asia/Shanghai") is not None


def test_a_bad_cron_expression_is_refused_when_it_is_read():
    entry = every("61 * * * *", PERIODIC_TASKS[0].task, "坏的表达式")
    with pytest.raises(ValueError):
        entry.trigger("Asia/Shanghai")


def test_list_shows_each_job_with_its_next_run(settings):
    out = StringIO()
    call_command("run_scheduler", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(PERIODIC_TASKS)
    for line, entry in zip(lines, PERIODIC_TASKS, strict=True):
        upcoming = next_run(entry, settings.TIME_ZONE)
        assert line == (
            f"{entry.cron:<15} {upcoming:%Y-%m-%d %H:%M}  {entry.name}  "
            f"{entry.description}"
        )


@pytest.fixture
def scheduler_run():
    """Run the real scheduler briefly; every job fires once at start (--run-now)."""
    previous = signal.getsignal(signal.SIGTERM)

    def run() -> tuple[str, float]:
        out = StringIO()
        started = time.monotonic()
        call_command("run_scheduler", "--run-now", "--stop-after", "1", stdout=out)
        return out.getvalue(), time.monotonic() - started

    yield run
    assert signal.getsignal(signal.SIGTERM) == previous, "handler restored"


# The scheduler closes stale connections around each job like a server around a
# request: that needs real transactions, not a test wrapped in one.
@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_scheduler_enqueues_the_due_jobs_for_the_worker(settings, scheduler_run):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    started = datetime.datetime.now(datetime.UTC)
    output, elapsed = scheduler_run()
    ended = datetime.datetime.now(datetime.UTC)
    assert output.strip() == f"计划任务 {len(PERIODIC_TASKS)} 项，时区 Asia/Shanghai。"
    assert elapsed < 10
    queued = Counter(DBTaskResult.objects.values_list("task_path", "status").order_by())
    # Every job once (--run-now), and a second time only if its own time came
    # within the second the scheduler ran (every minute's jobs when a minute turns).
    assert sorted(queued) == sorted((entry.name, "READY") for entry in PERIODIC_TASKS)
    for entry in PERIODIC_TASKS:
        count = queued[(entry.name, "READY")]
        due = entry.trigger(settings.TIME_ZONE).get_next_fire_time(None, started)
        assert count == 1 or (count == 2 and due <= ended), (entry.name, count)


@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_immediate_backend_the_sweep_sends_due_notifications(
    scheduler_run, mailoutbox
):
    notification = Notification.objects.create(
        kind="test", subject="待重试的通知", body="正文", recipients=["a@example.com"]
    )
    scheduler_run()
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.SENT, 1)
    assert [(m.subject, m.to) for m in mailoutbox] == [
        ("待重试的通知", ["a@example.com"])
    ]
