"""System checks: staff notifications that would otherwise never be sent."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.immediate import ImmediateBackend


@checks.register(checks.Tags.compatibility)
def check_notification_delivery(app_configs=None, **kwargs):
    from .notifications import LOCAL_EMAIL_BACKENDS

    if settings.EMAIL_BACKEND in LOCAL_EMAIL_BACKENDS:
        return []
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend):
        return []
    return [
        checks.Warning(
            "Staff notifications go to a mail server, but background tasks run "
            "in-process (TASKS_BACKEND=immediate): requests never send them, only "
            "the retry sweep of `manage.py run_scheduler` does.",
            hint="Run `manage.py run_scheduler`, or set TASKS_BACKEND=database and "
            "run `manage.py db_worker` beside it.",
            id="participation.W001",
        )
    ]
