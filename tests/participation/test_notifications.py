"""The notification outbox: a failing mail server never loses a submission."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.participation import notifications
from cms.participation.models import Notification, NotificationStatus
from cms.questions.models import Question

FAILING = "tests.participation.backends.FailingEmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"

SUBMIT = """
mutation ($input: SubmitQuestionInput!) {
  submitQuestion(input: $input) { __typename ... on QuestionReceipt { trackingNumber } }
}
"""


@pytest.fixture
def question_input(db):
    from cms.taxonomy.models import Topic
    from cms.taxonomy.seed import seed_taxonomy

    seed_taxonomy()
    return {
        "topicId": str(Topic.objects.first().pk),
        "title": "失业保险金申领",
        "content": "请问失业保险金在哪里申领，需要什么材料？",
        "phone": "13812345678",
    }


def _send_notifications() -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_notifications", stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
def test_failing_mail_keeps_the_submission_and_records_the_error(
    graphql,
    question_input,
    superuser,
    settings,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    settings.EMAIL_BACKEND = FAILING
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        result = graphql(SUBMIT, {"input": question_input})
    # The asker gets the receipt; the question is stored.
    receipt = result["data"]["submitQuestion"]
    assert receipt["__typename"] == "QuestionReceipt"
    assert Question.objects.filter(tracking_number=receipt["trackingNumber"]).exists()

    notification = Notification.objects.get()
    # Recorded with the question; the mail server is not tried inside the request.
    assert (notification.status, notification.attempts, notification.last_error) == (
        NotificationStatus.PENDING,
        0,
        "",
    )
    # The retry sweep tries it and records the failure.
    assert _send_notifications() == "已发送 0 条，失败 1 条。"
    notification.refresh_from_db()
    assert (
        notification.status,
        notification.attempts,
        notification.last_error,
        notification.sent_at,
    ) == (
        NotificationStatus.PENDING,
        1,
        "ConnectionRefusedError: SMTP server unreachable",
        None,
    )
    # The next try waits (1 minute), not burnt at once by a backend that cannot defer.
    assert notification.next_attempt_at >= before + datetime.timedelta(minutes=1)
    assert _send_notifications() == "已发送 0 条，失败 0 条。"  # not due yet

    # Time passes; the mail server is back: the command delivers it.
    Notification.objects.update(next_attempt_at=timezone.now())
    settings.EMAIL_BACKEND = LOCMEM
    assert _send_notifications() == "已发送 1 条，失败 0 条。"
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.SENT, 2)
    assert [m.to for m in mailoutbox] == [["root@example.com"]]


@pytest.mark.django_db
def test_gives_up_after_max_attempts_with_backoff(superuser, settings):
    settings.EMAIL_BACKEND = FAILING
    notification = Notification.objects.create(
        kind="test", subject="主题", body="正文", recipients=["a@example.com"]
    )
    delays = []
    for attempt in range(1, notifications.MAX_ATTEMPTS + 1):
        started = timezone.now()
        assert notifications.attempt_delivery(notification) == "failed"
        notification.refresh_from_db()
        assert notification.attempts == attempt
        if notification.next_attempt_at:
            delays.append(
                round((notification.next_attempt_at - started).total_seconds() / 60)
            )
    assert delays == [1, 5, 15, 60]
    assert notification.status == NotificationStatus.FAILED
    assert notification.next_attempt_at is None
    assert notification.last_error == "ConnectionRefusedError: SMTP server unreachable"
    # Failed for good: the command leaves it alone (staff see it in the outbox).
    assert _send_notifications() == "已发送 0 条，失败 0 条。"


@pytest.mark.django_db
def test_notify_staff_records_in_the_transaction_and_sends_after_the_commit(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications.notify_staff(
            kind="test", subject="主题", body="正文", recipients=["a@example.com"]
        )
        # The outbox row belongs to the submission's transaction ...
        assert Notification.objects.get().status == NotificationStatus.PENDING
    assert mailoutbox == []  # ... and nothing is sent before the commit.
    for callback in callbacks:
        callback()
    assert Notification.objects.get().status == NotificationStatus.SENT
    assert [m.to for m in mailoutbox] == [["a@example.com"]]


@pytest.mark.django_db
def test_a_rolled_back_submission_leaves_no_notification(
    django_capture_on_commit_callbacks, mailoutbox
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        transaction.atomic(),
    ):
        notifications.notify_staff(
            kind="test", subject="主题", body="正文", recipients=["a@example.com"]
        )
        transaction.set_rollback(True)
    assert (Notification.objects.count(), callbacks, mailoutbox) == (0, [], [])


@pytest.mark.django_db
def test_long_titles_are_cut_to_the_outbox_columns():
    notification = notifications.notify_staff(
        kind="k" * 80,
        subject="《" + "很长的征求意见稿标题" * 30 + "》",
        body="正文",
        recipients=[],
        reference="r" * 150,
    )
    notification.refresh_from_db()
    assert (
        len(notification.kind),
        len(notification.subject),
        len(notification.reference),
    ) == (50, 200, 100)


@pytest.mark.django_db
def test_staff_emails(superuser, django_user_model, settings):
    from django.contrib.auth.models import Group, Permission

    settings.PARTICIPATION_STAFF_EMAILS = ["office@example.com"]
    perm = Permission.objects.get(
        codename="change_question", content_type__app_label="questions"
    )
    direct = django_user_model.objects.create_user("a", email="a@example.com")
    direct.user_permissions.add(perm)
    group = Group.objects.create(name="咨询答复")
    group.permissions.add(perm)
    member = django_user_model.objects.create_user("b", email="b@example.com")
    member.groups.add(group)
    django_user_model.objects.create_user("c", email="c@example.com")  # no permission
    django_user_model.objects.create_user(
        "d", email="d@example.com", is_active=False
    ).user_permissions.add(perm)
    assert notifications.staff_emails("questions.change_question") == [
        "a@example.com",
        "b@example.com",
        "office@example.com",
        "root@example.com",
    ]


def test_a_mail_server_without_a_worker_or_scheduler_is_warned_about(settings):
    from cms.participation.checks import check_notification_delivery

    assert check_notification_delivery() == []  # locmem: sent in-process
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert [w.id for w in check_notification_delivery()] == ["participation.W001"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert check_notification_delivery() == []
