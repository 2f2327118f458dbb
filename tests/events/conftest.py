from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.factories.pages import OpenEventPageFactory

DAY = datetime.timedelta(days=1)

REGISTER = """
mutation ($input: RegisterForEventInput!) {
  registerForEvent(input: $input) {
    __typename
    ... on EventRegistration { code status peopleCount }
    ... on RegistrationRejected { reason message }
    ... on ValidationErrors { errors { field message } }
  }
}
"""

CANCEL = """
mutation ($code: String!, $phone: String!) {
  cancelEventRegistration(code: $code, phone: $phone) {
    __typename
    ... on EventRegistration { code status peopleCount }
    ... on RegistrationRejected { reason message }
  }
}
"""


@pytest.fixture
def make_event(site_tree):
    def make(**fields):
        now = timezone.now().replace(microsecond=0)
        fields.setdefault("start_at", now + 10 * DAY)
        fields.setdefault("capacity", 10)
        fields.setdefault("max_people_per_registration", 3)
        return OpenEventPageFactory(parent=site_tree.events, **fields)

    return make


@pytest.fixture
def event(make_event):
    return make_event(title="走进人力资源产业园")


@pytest.fixture
def register(graphql):
    counter = iter(range(10_000))

    def run(event, *, phone=None, people=1, key=None, name="王五", **extra):
        n = next(counter)
        data = {
            "eventId": str(event.pk),
            "name": name,
            "phone": phone or f"1360000{n:04d}",
            "peopleCount": people,
        }
        if key is not None:
            data["idempotencyKey"] = key
        return graphql(REGISTER, {"input": data}, **extra)["data"]["registerForEvent"]

    return run


@pytest.fixture
def cancel(graphql):
    def run(code, phone, **extra):
        result = graphql(CANCEL, {"code": code, "phone": phone}, **extra)
        return result["data"]["cancelEventRegistration"]

    return run


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    """Most tests register many times from one address; the limit has its own test."""
    settings.PARTICIPATION_RATE_LIMITS = {
        **settings.PARTICIPATION_RATE_LIMITS,
        "event_registration": (1000, 3600),
        "event_cancellation": (1000, 3600),
    }
