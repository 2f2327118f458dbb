"""remainingPlaces: public, annotated on lists (no N+1), fresh after registrations."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.events.registrations import EventRegistration, RegistrationStatus
from cms.events.services import registration_cancel
from tests.factories.pages import OpenEventPageFactory

LIST = """
{ events(order: START_AT_ASC) { edges { node { title capacity remainingPlaces } } } }
"""
ONE = """
query ($path: String!) { page(urlPath: $path) { ... on OpenEventPage { remainingPlaces } } }
"""
REGISTER = """
mutation ($input: RegisterForEventInput!) {
  registerForEvent(input: $input) { ... on EventRegistration { code status } }
}
"""
DAY = datetime.timedelta(days=1)


@pytest.fixture
def events(site_tree):
    now = timezone.now().replace(microsecond=0)
    made = []
    for n in range(5):
        made.append(
            OpenEventPageFactory(
                parent=site_tree.events,
                title=f"开放活动{n}",
                start_at=now + (n + 5) * DAY,
                capacity=10,
                max_people_per_registration=5,
            )
        )
    walk_in = OpenEventPageFactory(
        parent=site_tree.events,
        title="无需报名的活动",
        start_at=now + 20 * DAY,
        capacity=0,
        registration_opens_at=None,
        registration_closes_at=None,
    )
    for n, event in enumerate(made):
        for k, status in enumerate(
            [RegistrationStatus.CONFIRMED] * n + [RegistrationStatus.WAITLISTED]
        ):
            EventRegistration.objects.create(
                event=event,
                code=f"C{n}{k}XXXXX",
                name="王五",
                phone=f"1390000{n}{k:03d}",
                people_count=2,
                status=status,
            )
    return [*made, walk_in]


def _places(result):
    return [
        (e["node"]["title"], e["node"]["remainingPlaces"])
        for e in result["data"]["events"]["edges"]
    ]


@pytest.mark.django_db
def test_remaining_places_in_list_without_n_plus_one(
    graphql, events, django_assert_max_num_queries
):
    # site + count + the page of events with the annotation; one query whatever
    # the number of events.
    with django_assert_max_num_queries(3):
        result = graphql(LIST)
    assert _places(result) == [
        ("开放活动0", 10),
        ("开放活动1", 8),
        ("开放活动2", 6),
        ("开放活动3", 4),
        ("开放活动4", 2),
        ("无需报名的活动", None),
    ]


@pytest.mark.django_db
def test_remaining_places_on_a_single_page(graphql, events):
    path = events[3].url_path.removeprefix(events[3].get_site().root_page.url_path)
    result = graphql(ONE, {"path": "/" + path})
    assert result["data"]["page"] == {"remainingPlaces": 4}


@pytest.mark.django_db
def test_cached_lists_are_dropped_when_places_change(
    graphql, events, settings, tmp_path, django_capture_on_commit_callbacks
):
    # A stamp of our own: other test processes on this host bump the shared one.
    settings.GRAPHQL_GENERATION_FILE = tmp_path / "graphql.generation"
    settings.PARTICIPATION_RATE_LIMITS = {"event_registration": (100, 3600)}
    first = graphql(LIST, method="get")
    assert graphql(LIST, method="get") == first
    assert graphql.last_response["X-GraphQL-Cache"] == "HIT"

    data = {"eventId": str(events[0].pk), "name": "赵六", "phone": "13712345678"}
    with django_capture_on_commit_callbacks(execute=True):
        registered = graphql(REGISTER, {"input": {**data, "peopleCount": 3}})
    code = registered["data"]["registerForEvent"]["code"]
    after = graphql(LIST, method="get")
    assert graphql.last_response["X-GraphQL-Cache"] == "MISS"
    assert _places(after)[0] == ("开放活动0", 7)

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(code=code, phone="13712345678", by_staff=True)
    # The 3 places freed go to the waitlisted registration of 2 first in line.
    assert _places(graphql(LIST, method="get"))[0] == ("开放活动0", 8)
