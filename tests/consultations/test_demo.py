"""The demo content loads, twice without duplicates, and reads back through the API."""

from __future__ import annotations

from cms.consultations.models import (
    ConsultationComment,
    ConsultationPage,
    DecisionMeeting,
    MajorDecisionPage,
)
from cms.consultations.selectors import comment_stats
from cms.demo.consultations import load_consultations_demo

QUERY = """
{
  consultations {
    edges {
      node {
        title status commentCount adoptionReport { received adopted }
        window { publishedOn startDate days isShortened shortenedReason }
      }
    }
  }
  majorDecisionCatalogs(year: 2025) {
    decisions { stage meetings { representativeCount suggestions { status } } }
  }
}
"""


def test_demo_loads_idempotently(graphql, site_tree, superuser):
    assert load_consultations_demo(home=site_tree.home, editor=superuser) == {
        "consultations": 3,
        "decisions": 3,
    }
    assert load_consultations_demo(home=site_tree.home, editor=superuser) == {
        "consultations": 0,
        "decisions": 0,
    }
    assert ConsultationPage.objects.count() == 3
    assert ConsultationComment.objects.count() == 8
    assert MajorDecisionPage.objects.count() == 3
    assert DecisionMeeting.objects.count() == 1
    open_page = ConsultationPage.objects.get(slug="wengang-kuogang-zhengqiu")
    stats = comment_stats(open_page)
    assert (stats.enterprise, stats.counted, stats.below_enterprise_target) == (
        2,
        5,
        True,
    )

    data = graphql(QUERY)["data"]
    assert [
        (e["node"]["status"], e["node"]["commentCount"], e["node"]["adoptionReport"])
        for e in data["consultations"]["edges"]
    ] == [
        ("OPEN", 3, None),
        ("CLOSED", 0, None),
        ("REPORT_PUBLISHED", 3, {"received": 3, "adopted": 1}),
    ]
    # Each was published at 09:00 on its opening day; one has a shortened window.
    opened = open_page.open_date
    assert [e["node"]["window"] for e in data["consultations"]["edges"]] == [
        {
            "publishedOn": opened.isoformat(),
            "startDate": opened.isoformat(),
            "days": (open_page.close_date - opened).days + 1,
            "isShortened": False,
            "shortenedReason": None,
        },
        {
            "publishedOn": "2025-12-01",
            "startDate": "2025-12-01",
            "days": 10,
            "isShortened": True,
            "shortenedReason": "本规程须在2026年1月1日补贴申领启动前印发，"
            "以保障企业按期申领。经局长办公会议研究，征求意见期缩短为10日。",
        },
        {
            "publishedOn": "2025-09-01",
            "startDate": "2025-09-01",
            "days": 12,
            "isShortened": False,
            "shortenedReason": None,
        },
    ]
    assert data["majorDecisionCatalogs"] == [
        {
            "decisions": [
                {
                    "stage": "DECIDED",
                    "meetings": [
                        {
                            "representativeCount": 5,
                            "suggestions": [
                                {"status": "CLOSED"},
                                {"status": "IN_PROGRESS"},
                            ],
                        }
                    ],
                },
                {"stage": "CONSULTING", "meetings": []},
                {"stage": "PROPOSED", "meetings": []},
            ]
        }
    ]
