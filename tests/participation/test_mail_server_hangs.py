"""A mail server that accepts and never answers cannot hold up a receipt.

The request only records the notification; sending happens outside it (the retry
sweep with the embedded immediate backend, ``db_worker`` with the database backend),
bounded by EMAIL_TIMEOUT. Both stand-ins are local servers: one accepts TCP and
stays silent, the other speaks real SMTP (aiosmtpd) and keeps what it receives.
"""

from __future__ import annotations

import datetime
import json
import signal
import time
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.participation.models import Notification, NotificationStatus
from cms.questions.models import Question

from .smtp import HangingSMTPServer, RecordingSMTPServer

SUBMIT = """
mutation ($input: SubmitQuestionInput!) {
  submitQuestion(input: $input) { __typename ... on QuestionReceipt { trackingNumber } }
}
"""
TIMEOUT_ERROR = "SMTPServerDisconnected: Connection unexpectedly closed: timed out"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@contextmanager
def deadline(seconds: float):
    """Fail (instead of hanging the suite) when the block takes longer."""

    def expire(signum, frame):
        raise TimeoutError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def use_smtp(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 1


@pytest.fixture
def submit(client, superuser):
    """Submit a question over HTTP; return (seconds taken, receipt)."""
    from cms.taxonomy.models import Topic
    from cms.taxonomy.seed import seed_taxonomy

    seed_taxonomy()
    data = {
        "topicId": str(Topic.objects.order_by("pk").first().pk),
        "title": "失业保险金申领",
        "content": "请问失业保险金在哪里申领，需要什么材料？",
        "phone": "13812345678",
    }

    # The first request imports the URLconf and builds the schema: not timed.
    client.post(
        "/graphql/", {"query": "{ __typename }"}, content_type="application/json"
    )

    def run() -> tuple[float, dict]:
        started = time.monotonic()
        response = client.post(
            "/graphql/",
            json.dumps({"query": SUBMIT, "variables": {"input": data}}),
            content_type="application/json",
        )
        return time.monotonic() - started, response.json()["data"]["submitQuestion"]

    return run


def _sweep() -> str:
    out = StringIO()
    call_command("send_notifications", stdout=out)
    return out.getvalue().strip()


def _make_due() -> None:
    Notification.objects.update(next_attempt_at=timezone.now())


@pytest.mark.django_db
def test_embedded_default_answers_at_once_and_the_sweep_delivers(
    submit, settings, django_capture_on_commit_callbacks
):
    with HangingSMTPServer() as hanging:
        use_smtp(settings, hanging.port)
        with deadline(5), django_capture_on_commit_callbacks(execute=True):
            elapsed, receipt = submit()
        assert receipt["__typename"] == "QuestionReceipt"
        assert elapsed < 3, f"the receipt took {elapsed:.1f} s"
        question = Question.objects.get(tracking_number=receipt["trackingNumber"])
        notification = Notification.objects.get()
        # Recorded with the question, not attempted inside the request.
        assert (
            notification.reference,
            notification.status,
            notification.attempts,
            notification.last_error,
        ) == (f"questions.Question:{question.pk}", NotificationStatus.PENDING, 0, "")

        # The sweep (run_scheduler's job) gives up after EMAIL_TIMEOUT and backs off.
        before = timezone.now()
        with deadline(5):
            assert _sweep() == "已发送 0 条，失败 1 条。"
        notification.refresh_from_db()
        assert (notification.attempts, notification.last_error) == (1, TIMEOUT_ERROR)
        assert notification.next_attempt_at >= before + datetime.timedelta(minutes=1)
        assert hanging.connections, "the sweep did talk to the mail server"

    with RecordingSMTPServer() as server:
        use_smtp(settings, server.port)
        _make_due()
        with deadline(5):
            assert _sweep() == "已发送 1 条，失败 0 条。"
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.SENT, 2)
    [(recipients, message)] = server.messages
    assert recipients == ["root@example.com"]
    assert message["Subject"].strip() == notification.subject
    assert receipt["trackingNumber"] in notification.subject


@pytest.fixture
def restore_signals():
    """db_worker installs its own SIGINT/SIGTERM handlers; put the old ones back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    saved[signal.SIGQUIT] = signal.getsignal(signal.SIGQUIT)
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def run_worker() -> None:
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--queue-name",
        "*",
        verbosity=0,
    )


# The worker closes connections between tasks like a server between requests:
# that needs real transactions, not a test wrapped in one.
@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_production_worker_retries_a_hanging_server_then_delivers(
    submit, settings, restore_signals
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    with HangingSMTPServer() as hanging:
        use_smtp(settings, hanging.port)
        with deadline(5):
            elapsed, receipt = submit()
        assert receipt["__typename"] == "QuestionReceipt"
        assert elapsed < 3, f"the receipt took {elapsed:.1f} s"
        notification = Notification.objects.get()
        assert (notification.status, notification.attempts) == ("pending", 0)
        queued = DBTaskResult.objects.filter(
            task_path="cms.participation.notifications.deliver_notification"
        )
        assert [task.args_kwargs for task in queued] == [
            {"args": [notification.pk], "kwargs": {}}
        ]

        with deadline(10):
            run_worker()  # one attempt, EMAIL_TIMEOUT, a retry deferred
        notification.refresh_from_db()
        assert (notification.attempts, notification.last_error) == (1, TIMEOUT_ERROR)
        retry = queued.filter(status="READY").get()
        assert retry.run_after == notification.next_attempt_at

    with RecordingSMTPServer() as server:
        use_smtp(settings, server.port)
        _make_due()
        queued.filter(status="READY").update(run_after=timezone.now())
        with deadline(10):
            run_worker()
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.SENT, 2)
    assert [recipients for recipients, _message in server.messages] == [
        ["root@example.com"]
    ]
    assert sorted(queued.values_list("status", flat=True)) == [
        "SUCCESSFUL",
        "SUCCESSFUL",
    ]
