"""The same promise through a real server: gunicorn on the test database.

A gunicorn worker keeps its PostgreSQL connection between requests (CONN_MAX_AGE),
so these tests terminate that connection the way an operator, a failover or a
restarted database does: while it is idle, and at random moments during a run of
submissions. Every receipt must have its row; every other answer must be the
retryable 503; and the next request after the terminations must work.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from cms.questions.models import Question

from .pgkill import admin_connection

pytestmark = [
    pytest.mark.serial,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="terminates PostgreSQL backends (DATABASE_URL is not PostgreSQL)",
    ),
]

APP_NAME = "zwgk-durability-test-server"
SUBMIT = (
    "mutation ($input: SubmitQuestionInput!) { submitQuestion(input: $input) "
    "{ __typename ... on QuestionReceipt { trackingNumber queryCode } } }"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(url: str, body: dict, client_ip: str) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - http to our own server
        url,
        json.dumps(body).encode(),
        {"Content-Type": "application/json", "X-Forwarded-For": client_ip},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn (one sync worker) serving the test database; yields its URL."""
    with django_db_blocker.unblock():
        db = connection.settings_dict
    url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}"
        f"/{db['NAME']}?application_name={APP_NAME}"
    )
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)},
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "TRUSTED_PROXY_COUNT": "1",
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("server-media")),
    }
    log = tmp_path_factory.mktemp("server-log") / "gunicorn.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and app
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
            ],
            cwd=Path(settings.BASE_DIR),
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}/graphql/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _post(base, {"query": "{ __typename }"}, "10.0.0.1")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _server_backends() -> list[int]:
    with admin_connection() as admin:
        rows = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
            [APP_NAME],
        ).fetchall()
    return [pid for (pid,) in rows]


def _terminate_server_backends() -> int:
    with admin_connection() as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
            "WHERE application_name = %s",
            [APP_NAME],
        ).fetchall()
    return len(rows)


@pytest.fixture
def question_input(db):
    from cms.taxonomy.models import Topic
    from cms.taxonomy.seed import seed_taxonomy

    seed_taxonomy()
    topic = Topic.objects.order_by("pk").first()

    def make(n: int) -> dict:
        return {
            "query": SUBMIT,
            "variables": {
                "input": {
                    "topicId": str(topic.pk),
                    "title": f"失业保险金申领（{n}）",
                    "content": "请问失业保险金在哪里申领，需要什么材料？",
                    "phone": "13812345678",
                }
            },
        }

    return make


def test_a_connection_terminated_while_idle_does_not_fail_the_next_request(
    server, question_input
):
    status, first = _post(server, question_input(1), "10.1.0.1")
    assert (status, first["data"]["submitQuestion"]["__typename"]) == (
        200,
        "QuestionReceipt",
    )
    assert _server_backends(), "the worker keeps its connection between requests"
    assert _terminate_server_backends() >= 1

    status, second = _post(server, question_input(2), "10.1.0.2")
    assert (status, second.get("errors")) == (200, None)
    receipt = second["data"]["submitQuestion"]
    assert receipt["__typename"] == "QuestionReceipt"
    assert sorted(Question.objects.values_list("tracking_number", flat=True)) == sorted(
        [first["data"]["submitQuestion"]["trackingNumber"], receipt["trackingNumber"]]
    )


def test_terminations_at_random_moments_never_yield_a_receipt_without_its_row(
    server, question_input
):
    stop = threading.Event()
    kills = []

    def killer() -> None:
        rng = random.Random(20250301)  # noqa: S311 - timing, not security
        while not stop.is_set():
            kills.append(_terminate_server_backends())
            stop.wait(rng.uniform(0.0, 0.1))

    thread = threading.Thread(target=killer)
    thread.start()
    answers = []
    try:
        for n in range(30):
            answers.append(_post(server, question_input(n), f"10.2.0.{n + 1}"))
    finally:
        stop.set()
        thread.join()
    assert sum(kills) > 0

    def receipt(body: dict) -> dict | None:
        return (body.get("data") or {}).get("submitQuestion")

    receipts = [receipt(body)["trackingNumber"] for _, body in answers if receipt(body)]
    stored = set(Question.objects.values_list("tracking_number", flat=True))
    assert set(receipts) <= stored, "a receipt was handed out for a missing row"
    refusals = [(status, body) for status, body in answers if not receipt(body)]
    assert len(receipts) + len(refusals) == 30
    for status, body in refusals:
        assert (status, body["data"]) == (503, None)
        assert [error["extensions"] for error in body["errors"]] == [
            {"code": "SERVICE_UNAVAILABLE", "retryable": True, "retryAfter": 5}
        ]
    # Once the terminations stop, the very next submission is received.
    status, body = _post(server, question_input(99), "10.2.1.1")
    assert (status, body["data"]["submitQuestion"]["__typename"]) == (
        200,
        "QuestionReceipt",
    )
