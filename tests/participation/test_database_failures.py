"""A database connection that dies mid-request never yields a false receipt.

Every public submission is posted through the real HTTP stack while its own
PostgreSQL backend is terminated (pg_terminate_backend from a second connection)
right after it wrote the submission's row, or right after its last write before
the COMMIT. The answer must be a retryable ``SERVICE_UNAVAILABLE`` (HTTP 503 with
Retry-After) and nothing saved, never a receipt for a row that is not there; the
retry must then succeed with a receipt whose row is committed.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from cms.consultations.models import ConsultationComment, ConsultationPage, DraftKind
from cms.disclosure.models import DisclosureApplication
from cms.events.registrations import EventRegistration, RegistrationStatus
from cms.participation.models import Notification
from cms.questions.models import Question
from tests.disclosure.conftest import SUBMIT as SUBMIT_APPLICATION
from tests.disclosure.conftest import application_input
from tests.events.conftest import CANCEL, REGISTER
from tests.factories.pages import OpenEventPageFactory

from .pgkill import terminated_after

pytestmark = [
    # Transactional tests flush the database; they run apart (see the Makefile),
    # each restoring the migrated contents (the page tree root) first.
    pytest.mark.serial,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="terminates PostgreSQL backends (DATABASE_URL is not PostgreSQL)",
    ),
]

UNAVAILABLE_MESSAGE = "服务暂时不可用，本次提交未保存，请稍后重试。"
NOTIFICATION_INSERT = 'INSERT INTO "participation_notification"'

SUBMIT_QUESTION = """
mutation ($input: SubmitQuestionInput!) {
  submitQuestion(input: $input) {
    __typename ... on QuestionReceipt { trackingNumber queryCode }
  }
}
"""
SUBMIT_COMMENT = """
mutation ($input: ConsultationCommentInput!) {
  submitConsultationComment(input: $input) {
    __typename ... on ConsultationCommentReceipt { receiptNumber }
  }
}
"""


@pytest.fixture
def post(client):
    """Post like a WSGI server would serve it: Django's test client leaves out the
    connection clean-up a server runs at each request's start and end."""

    def run(query: str, variables: dict):
        close_old_connections()
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables}),
            content_type="application/json",
        )
        close_old_connections()
        return response, response.json()

    return run


@pytest.fixture
def staff(superuser):
    """Someone to notify, so every submission writes an outbox row."""
    return superuser


def assert_unavailable(response, body, field: str) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "private, no-store"
    assert body == {
        "data": None,
        "errors": [
            {
                "message": UNAVAILABLE_MESSAGE,
                "locations": body["errors"][0]["locations"],
                "path": [field],
                "extensions": {
                    "code": "SERVICE_UNAVAILABLE",
                    "retryable": True,
                    "retryAfter": 5,
                },
            }
        ],
    }


# --- submitQuestion ----------------------------------------------------------------


@pytest.fixture
def question_input(db):
    from cms.taxonomy.models import Topic
    from cms.taxonomy.seed import seed_taxonomy

    seed_taxonomy()
    return {
        "topicId": str(Topic.objects.order_by("pk").first().pk),
        "title": "失业保险金申领",
        "content": "请问失业保险金在哪里申领，需要什么材料？",
        "phone": "13812345678",
        "idempotencyKey": "pg-kill-question-1",
    }


@pytest.mark.parametrize(
    "statement",
    [
        'INSERT INTO "questions_question"',
        # Wagtail's reference index task, run inline by the immediate task backend
        # after the INSERT, catches the error inside its savepoint: the block then
        # ended without an exception and Django rolled it back silently.
        "SAVEPOINT",
        NOTIFICATION_INSERT,
    ],
)
def test_question_killed_before_commit_gets_no_receipt_then_retry_works(
    post, question_input, staff, statement
):
    with terminated_after(statement) as fired:
        response, body = post(SUBMIT_QUESTION, {"input": question_input})
    assert fired, "the backend was terminated"
    assert_unavailable(response, body, "submitQuestion")
    assert not Question.objects.exists()
    assert not Notification.objects.exists()

    response, body = post(SUBMIT_QUESTION, {"input": question_input})
    receipt = body["data"]["submitQuestion"]
    assert (response.status_code, receipt["__typename"]) == (200, "QuestionReceipt")
    question = Question.objects.get()
    assert question.tracking_number == receipt["trackingNumber"]
    assert Notification.objects.get().reference == f"questions.Question:{question.pk}"


def test_question_killed_after_commit_keeps_receipt_and_row(
    post, question_input, staff, django_capture_on_commit_callbacks
):
    """Terminated once the COMMIT went through: the receipt stands, and so does the
    row; the notification stays in the outbox for the retry sweep."""
    from .pgkill import terminate

    def kill_now():
        terminate([connection.connection.info.backend_pid])

    from django.db.models.signals import post_save

    def after_commit(sender, instance, created, **kwargs):
        if created:
            from django.db import transaction

            transaction.on_commit(kill_now)

    post_save.connect(after_commit, sender=Question, weak=False)
    try:
        response, body = post(SUBMIT_QUESTION, {"input": question_input})
    finally:
        post_save.disconnect(after_commit, sender=Question)
    receipt = body["data"]["submitQuestion"]
    assert (response.status_code, receipt["__typename"]) == (200, "QuestionReceipt")
    assert Question.objects.get().tracking_number == receipt["trackingNumber"]
    # The next request works on a fresh connection.
    again = post(SUBMIT_QUESTION, {"input": question_input})[1]
    assert again["data"]["submitQuestion"] == receipt


# --- submitDisclosureApplication -----------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    ['INSERT INTO "disclosure_disclosureapplication"', NOTIFICATION_INSERT],
)
def test_application_killed_before_commit_gets_no_receipt_then_retry_works(
    post, staff, statement
):
    data = application_input(idempotencyKey="pg-kill-application-1")
    with terminated_after(statement) as fired:
        response, body = post(SUBMIT_APPLICATION, {"input": data})
    assert fired
    assert_unavailable(response, body, "submitDisclosureApplication")
    assert not DisclosureApplication.objects.exists()
    assert not Notification.objects.exists()

    response, body = post(SUBMIT_APPLICATION, {"input": data})
    receipt = body["data"]["submitDisclosureApplication"]
    assert receipt["__typename"] == "DisclosureApplicationReceipt"
    application = DisclosureApplication.objects.get()
    assert application.tracking_number == receipt["trackingNumber"]
    assert Notification.objects.get().kind == "disclosure.application"


# --- submitConsultationComment -------------------------------------------------------


@pytest.fixture
def consultation(site_tree, bureau):
    section = site_tree.consultations
    today = timezone.localdate()
    page = ConsultationPage(
        title="关于促进高校毕业生就业的若干措施（征求意见稿）",
        open_date=today - datetime.timedelta(days=3),
        close_date=today + datetime.timedelta(days=30),
        kind=DraftKind.NORMATIVE,
        department=bureau,
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    "statement",
    ['INSERT INTO "consultations_consultationcomment"', NOTIFICATION_INSERT],
)
def test_comment_killed_before_commit_gets_no_receipt_then_retry_works(
    post, consultation, staff, statement
):
    data = {
        "consultationId": str(consultation.pk),
        "commenterType": "INDIVIDUAL",
        "content": "建议将灵活就业人员纳入补贴范围。",
        "idempotencyKey": "pg-kill-comment-1",
    }
    with terminated_after(statement) as fired:
        response, body = post(SUBMIT_COMMENT, {"input": data})
    assert fired
    assert_unavailable(response, body, "submitConsultationComment")
    assert not ConsultationComment.objects.exists()
    assert not Notification.objects.exists()

    response, body = post(SUBMIT_COMMENT, {"input": data})
    receipt = body["data"]["submitConsultationComment"]
    assert receipt["__typename"] == "ConsultationCommentReceipt"
    assert ConsultationComment.objects.get().receipt_number == receipt["receiptNumber"]
    assert Notification.objects.get().kind == "consultation_comment"


# --- registerForEvent / cancelEventRegistration --------------------------------------


@pytest.fixture
def event(site_tree):
    return OpenEventPageFactory(
        parent=site_tree.events, capacity=10, max_people_per_registration=3
    )


@pytest.mark.parametrize(
    "statement", ['INSERT INTO "events_eventregistration"', NOTIFICATION_INSERT]
)
def test_registration_killed_before_commit_is_not_confirmed_then_retry_works(
    post, event, staff, statement
):
    data = {
        "eventId": str(event.pk),
        "name": "王五",
        "phone": "13600000001",
        "peopleCount": 2,
        "idempotencyKey": "pg-kill-registration-1",
    }
    with terminated_after(statement) as fired:
        response, body = post(REGISTER, {"input": data})
    assert fired
    assert_unavailable(response, body, "registerForEvent")
    assert not EventRegistration.objects.exists()
    assert not Notification.objects.exists()

    response, body = post(REGISTER, {"input": data})
    result = body["data"]["registerForEvent"]
    assert (result["__typename"], result["status"]) == (
        "EventRegistration",
        "CONFIRMED",
    )
    assert EventRegistration.objects.get().code == result["code"]
    assert Notification.objects.get().kind == "event.registered"


@pytest.mark.parametrize(
    "statement", ['UPDATE "events_eventregistration"', NOTIFICATION_INSERT]
)
def test_cancellation_killed_before_commit_is_not_confirmed_then_retry_works(
    post, event, staff, statement
):
    data = {"eventId": str(event.pk), "name": "王五", "phone": "13600000002"}
    registered = post(REGISTER, {"input": data})[1]["data"]["registerForEvent"]
    Notification.objects.all().delete()
    variables = {"code": registered["code"], "phone": "13600000002"}

    with terminated_after(statement) as fired:
        response, body = post(CANCEL, variables)
    assert fired
    assert_unavailable(response, body, "cancelEventRegistration")
    assert EventRegistration.objects.get().status == RegistrationStatus.CONFIRMED
    assert not Notification.objects.exists()

    response, body = post(CANCEL, variables)
    assert body["data"]["cancelEventRegistration"]["status"] == "CANCELLED"
    assert EventRegistration.objects.get().status == RegistrationStatus.CANCELLED
    assert Notification.objects.get().kind == "event.cancelled"
