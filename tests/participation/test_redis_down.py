"""Redis going away must not cost a single submission.

The cache is a Redis server this test starts on a free port, then stops (or
freezes, like a network partition): rate limits fall back to counting in the
process, the response cache and the persisted queries are skipped, and every
public submission is still saved with its receipt.
"""

from __future__ import annotations

import json
import logging
import shutil
import signal
import socket
import subprocess
import time
from types import SimpleNamespace

import pytest

from cms.participation import ratelimit
from cms.participation.models import Notification
from cms.questions.models import Question
from cms.taxonomy.models import Topic

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("redis-server") is None,
        reason="needs redis-server to start and stop a Redis of its own",
    ),
]

SUBMIT = """
mutation ($input: SubmitQuestionInput!) {
  submitQuestion(input: $input) {
    __typename ... on QuestionReceipt { trackingNumber queryCode }
  }
}
"""
TOPICS = "{ topics { name } }"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def redis(settings, tmp_path):
    """A Redis server of this test's own, as the default cache; ``stop()`` it."""
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not _answers_ping(port):
        assert process.poll() is None and time.monotonic() < deadline, "no redis"
        time.sleep(0.05)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "zwgk-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    ratelimit._local.clear()

    def stop() -> None:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)

    yield SimpleNamespace(
        stop=stop,
        freeze=lambda: process.send_signal(signal.SIGSTOP),
        thaw=lambda: process.send_signal(signal.SIGCONT),
    )
    process.send_signal(signal.SIGCONT)
    stop()
    ratelimit._local.clear()


@pytest.fixture
def post(client):
    def run(
        query: str | None, variables: dict | None = None, *, extensions=None, **extra
    ):
        payload = {"variables": variables or {}}
        if query is not None:
            payload["query"] = query
        if extensions is not None:
            payload["extensions"] = extensions
        response = client.post(
            "/graphql/", json.dumps(payload), content_type="application/json", **extra
        )
        return response, response.json()

    return run


@pytest.fixture
def taxonomy(db):
    from cms.taxonomy.seed import seed_taxonomy

    seed_taxonomy()


@pytest.fixture
def question_input(taxonomy):
    def make(n: int) -> dict:
        return {
            "input": {
                "topicId": str(Topic.objects.order_by("pk").first().pk),
                "title": f"失业保险金申领（{n}）",
                "content": "请问失业保险金在哪里申领，需要什么材料？",
                "phone": "13812345678",
            }
        }

    return make


def test_submissions_are_saved_with_receipts_while_redis_is_down(
    redis, post, question_input, superuser, caplog, django_capture_on_commit_callbacks
):
    response, body = post(SUBMIT, question_input(1))
    assert body["data"]["submitQuestion"]["__typename"] == "QuestionReceipt"

    redis.stop()
    with (
        caplog.at_level(logging.WARNING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response, body = post(SUBMIT, question_input(2))
    assert response.status_code == 200
    receipt = body["data"]["submitQuestion"]
    assert receipt["__typename"] == "QuestionReceipt"
    question = Question.objects.get(tracking_number=receipt["trackingNumber"])
    assert question.title == "失业保险金申领（2）"
    assert Notification.objects.filter(
        reference=f"questions.Question:{question.pk}", status="sent"
    ).exists()
    assert "Rate limit: cache unavailable, counting in this process" in caplog.messages

    # Reads go on too, uncached.
    response, body = post(TOPICS)
    assert response.status_code == 200
    assert body["data"]["topics"]


def test_rate_limits_still_hold_in_the_process_while_redis_is_down(
    redis, post, question_input, settings
):
    settings.PARTICIPATION_RATE_LIMITS = {"question": (2, 3600)}
    redis.stop()
    answers = [post(SUBMIT, question_input(n))[1] for n in range(3)]
    assert [a["data"]["submitQuestion"]["__typename"] for a in answers[:2]] == [
        "QuestionReceipt",
        "QuestionReceipt",
    ]
    assert answers[2]["data"] is None
    assert answers[2]["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert Question.objects.count() == 2
    # Another client has its own count.
    other = post(SUBMIT, question_input(9), REMOTE_ADDR="10.3.0.9")[1]
    assert other["data"]["submitQuestion"]["__typename"] == "QuestionReceipt"


def test_persisted_queries_degrade_to_not_found_then_run_with_the_query(
    redis, post, taxonomy
):
    import hashlib

    query = "{ topics { name } }"
    digest = hashlib.sha256(query.encode()).hexdigest()
    redis.stop()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    response, body = post(None, extensions=extensions)
    assert (response.status_code, body["errors"][0]["message"]) == (
        200,
        "PersistedQueryNotFound",
    )
    response, body = post(query, extensions=extensions)
    assert response.status_code == 200
    assert body["data"]["topics"] == [
        {"name": name}
        for name in Topic.objects.filter(parent__isnull=True)
        .order_by("sort_order")
        .values_list("name", flat=True)
    ]


def test_a_change_made_while_redis_was_unreachable_is_not_hidden_afterwards(
    redis, client, taxonomy
):
    """Frozen (a network partition), Redis keeps the old cached responses: the
    invalidation missed meanwhile must happen once it answers again."""

    def topics():
        response = client.get("/graphql/", {"query": TOPICS})
        return response["X-GraphQL-Cache"], response.json()["data"]["topics"][0]

    assert topics()[0] == "MISS"
    cached_status, first = topics()
    assert cached_status == "HIT"

    topic = Topic.objects.filter(parent__isnull=True).order_by("sort_order").first()
    assert topic.name == first["name"]
    redis.freeze()
    try:
        topic.name = "就业创业（已更名）"
        topic.save()  # its invalidation cannot reach Redis
    finally:
        redis.thaw()
    status, now = topics()
    assert (status, now["name"]) == ("MISS", "就业创业（已更名）")
