"""Idempotency and tracking numbers under concurrent submissions (PostgreSQL)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from cms.disclosure.models import DisclosureApplication

from .conftest import make_application

pytestmark = [
    # Transactional tests flush the database; they run apart (see the Makefile),
    # each restoring the migrated contents first.
    pytest.mark.serial,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs real concurrent transactions (PostgreSQL; DATABASE_URL unset)",
    ),
]

THREADS = 8


def _fire(keys: list[str]) -> list:
    barrier = threading.Barrier(len(keys))

    def submit(key: str):
        try:
            barrier.wait()
            receipt = make_application(idempotency_key=key)
            return receipt.application.tracking_number, receipt.query_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(keys)) as pool:
        return list(pool.map(submit, keys))


def test_simultaneous_retries_with_one_key_make_one_application():
    results = _fire(["same-key-0001"] * THREADS)
    assert DisclosureApplication.objects.count() == 1
    assert len(set(results)) == 1, "every retry gets the first receipt"


def test_simultaneous_applications_get_distinct_tracking_numbers():
    results = _fire([f"distinct-key-{i:04d}" for i in range(THREADS)])
    numbers = sorted(number for number, _code in results)
    assert numbers == [f"YSQ-2025-{i:06d}" for i in range(1, THREADS + 1)]
