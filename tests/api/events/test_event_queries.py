"""events(...) and OpenEventPage through real HTTP."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cms.events.models import VenueType
from cms.taxonomy.models import Audience
from tests.factories.pages import OpenEventPageFactory

LIST = """
query ($filter: EventFilter, $order: EventOrder) {
  events(filter: $filter, order: $order) {
    totalCount
    edges { node { title status } }
  }
}
"""

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def events(site_tree, bureau):
    now = timezone.now().replace(microsecond=0)
    open_month = "2025 政府开放月"

    def event(title: str, start: datetime.datetime, **kwargs):
        kwargs.setdefault("series", open_month)
        return OpenEventPageFactory(
            parent=site_tree.events,
            title=title,
            start_at=start,
            end_at=start + 2 * HOUR,
            **kwargs,
        )

    registering = event(
        "走进人力资源产业园",
        now + 10 * DAY,
        venue_type=VenueType.HR_INDUSTRIAL_PARK,
        venue_name="闵行人力资源产业园",
        organizer=bureau,
    )
    registering.audiences.add(Audience.objects.get(slug="yongren-danwei"))
    registering.save()
    return {
        "registering": registering,
        "not_open": event(
            "走进仲裁院",
            now + 30 * DAY,
            venue_type=VenueType.ARBITRATION_COURT,
            registration_opens_at=now + 5 * DAY,
            registration_closes_at=now + 29 * DAY,
        ),
        "walk_in": event(
            "就业服务站点开放日",
            now + 3 * DAY,
            capacity=0,
            registration_opens_at=None,
            registration_closes_at=None,
            series="",
        ),
        "ongoing": event("正在进行的开放活动", now - HOUR),
        "finished": event(
            "已结束的开放活动",
            now - 10 * DAY,
            registration_opens_at=now - 30 * DAY,
            registration_closes_at=now - 11 * DAY,
        ),
        "cancelled": event("已取消的开放活动", now + 5 * DAY, is_cancelled=True),
        "draft": event("草稿活动", now + 6 * DAY, live=False),
    }


def _nodes(result: dict) -> list[tuple[str, str]]:
    return [
        (edge["node"]["title"], edge["node"]["status"])
        for edge in result["data"]["events"]["edges"]
    ]


@pytest.mark.django_db
def test_list_latest_start_first_with_computed_status(graphql, events):
    result = graphql(LIST)
    assert result["data"]["events"]["totalCount"] == 6
    assert _nodes(result) == [
        ("走进仲裁院", "NOT_OPEN"),
        ("走进人力资源产业园", "OPEN"),
        ("已取消的开放活动", "CANCELLED"),
        ("就业服务站点开放日", "UPCOMING"),
        ("正在进行的开放活动", "ONGOING"),
        ("已结束的开放活动", "FINISHED"),
    ]


@pytest.mark.django_db
def test_filters_and_order(graphql, events):
    cases = [
        (
            {"upcoming": True},
            [
                "走进仲裁院",
                "走进人力资源产业园",
                "已取消的开放活动",
                "就业服务站点开放日",
                "正在进行的开放活动",
            ],
        ),
        ({"past": True}, ["已结束的开放活动"]),
        ({"upcoming": False}, ["已结束的开放活动"]),
        ({"upcoming": True, "past": True}, []),
        (
            {"venueType": ["ARBITRATION_COURT", "HR_INDUSTRIAL_PARK"]},
            ["走进仲裁院", "走进人力资源产业园"],
        ),
        (
            {
                "series": "2025 政府开放月",
                "past": False,
                "venueType": ["EMPLOYMENT_STATION"],
            },
            ["已取消的开放活动", "正在进行的开放活动"],
        ),
    ]
    for filter_, expected in cases:
        titles = [title for title, _ in _nodes(graphql(LIST, {"filter": filter_}))]
        assert titles == expected, filter_
    soonest = graphql(LIST, {"filter": {"upcoming": True}, "order": "START_AT_ASC"})
    assert [title for title, _ in _nodes(soonest)] == [
        "正在进行的开放活动",
        "就业服务站点开放日",
        "已取消的开放活动",
        "走进人力资源产业园",
        "走进仲裁院",
    ]


@pytest.mark.django_db
def test_event_page_gives_every_field(graphql, events):
    event = events["registering"]
    query = """
    query ($id: ID) {
      page(id: $id) {
        __typename
        ... on OpenEventPage {
          title series theme venueType venueName address startAt endAt capacity
          registrationOpensAt registrationClosesAt maxPeoplePerRegistration
          audiences { name } audienceNote organizer { name } summary status
          isCancelled requiresRegistration registrationIsOpen
        }
      }
    }"""
    page = graphql(query, {"id": str(event.pk)})["data"]["page"]

    def utc(moment: datetime.datetime) -> str:
        return moment.astimezone(datetime.UTC).isoformat()

    assert page == {
        "__typename": "OpenEventPage",
        "title": "走进人力资源产业园",
        "series": "2025 政府开放月",
        "theme": "稳就业",
        "venueType": "HR_INDUSTRIAL_PARK",
        "venueName": "闵行人力资源产业园",
        "address": "莘庄镇莘建路 1 号",
        "startAt": utc(event.start_at),
        "endAt": utc(event.end_at),
        "capacity": 30,
        "registrationOpensAt": utc(event.registration_opens_at),
        "registrationClosesAt": utc(event.registration_closes_at),
        "maxPeoplePerRegistration": 2,
        "audiences": [{"name": "用人单位"}],
        "audienceNote": "市民群众、企业人事负责人",
        "organizer": {"name": "闵行区人力资源和社会保障局"},
        "summary": "参观就业服务站点，体验“家门口”的就业服务。",
        "status": "OPEN",
        "isCancelled": False,
        "requiresRegistration": True,
        "registrationIsOpen": True,
    }
