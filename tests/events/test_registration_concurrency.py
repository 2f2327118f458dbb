"""50 simultaneous registrations for 10 places: exactly 10 confirmed (PostgreSQL)."""

from __future__ import annotations

import json
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from cms.events.registrations import EventRegistration, RegistrationStatus
from tests.events.conftest import REGISTER

THREADS = 50


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks and its in-memory test "
    "database cannot be shared between threads",
)
# Transactional tests flush the database; they run apart (see the Makefile), and
# serialized_rollback restores the migrated contents (the page tree root) first.
@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_simultaneous_registrations_confirm_exactly_ten(make_event, settings):
    # Places for 10 people, a waitlist for 10 more; everyone registers alone.
    event = make_event(capacity=10, max_people_per_registration=1)
    start = threading.Barrier(THREADS)
    results: list[str] = []
    errors: list[BaseException] = []

    def register(n: int) -> None:
        try:
            client = Client(REMOTE_ADDR=f"10.1.0.{n + 1}")  # 50 different visitors
            payload = {
                "query": REGISTER,
                "variables": {
                    "input": {
                        "eventId": str(event.pk),
                        "name": f"报名人{n}",
                        "phone": f"1391234{n:04d}",
                        "peopleCount": 1,
                        "idempotencyKey": f"concurrency-{n}",
                    }
                },
            }
            start.wait(timeout=30)
            response = client.post(
                "/graphql/", json.dumps(payload), content_type="application/json"
            )
            body = response.json()["data"]["registerForEvent"]
            results.append(body.get("status") or body.get("reason"))
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=register, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert Counter(results) == {"CONFIRMED": 10, "WAITLISTED": 10, "FULL": 30}
    stored = Counter(
        EventRegistration.objects.filter(event=event).values_list("status", flat=True)
    )
    assert stored == {
        RegistrationStatus.CONFIRMED: 10,
        RegistrationStatus.WAITLISTED: 10,
    }
