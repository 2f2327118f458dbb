"""重大行政决策 through real HTTP: the catalog with stages, results, consultations and
meetings (representative categories and counts, no personal data)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from cms.consultations.models import (
    DecisionMeeting,
    DecisionStage,
    FollowUpStatus,
    MajorDecisionCatalogPage,
    MajorDecisionPage,
    MeetingAttendee,
    MeetingKind,
    RepresentativeCategory,
    RepresentativeSuggestion,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
# The catalog costs the same however many decisions and meetings it holds.
QUERIES = 11

CATALOG = """
query ($year: Int) {
  majorDecisionCatalogs(year: $year) {
    title year pageType
    decisions {
      title stage decisionDate result resultUrl
      consultation { title status }
      adoptionReport { received }
      meetings {
        kind date topic representativeCount
        representatives { category count }
        suggestions { category content status response respondedOn }
      }
    }
  }
}
"""


@pytest.fixture
def catalog(site_tree, section, make_consultation, bureau):
    catalog = MajorDecisionCatalogPage(
        title="2025年度重大行政决策事项目录",
        slug="juece-2025",
        year=2025,
        department=bureau,
    )
    section.add_child(instance=catalog)
    catalog.save_revision().publish()

    def decision(title, slug, **fields):
        page = MajorDecisionPage(title=title, slug=slug, department=bureau, **fields)
        catalog.add_child(instance=page)
        page.save_revision().publish()
        return page

    today = timezone.localdate()
    consultation = make_consultation(
        "闵行区公共就业服务体系建设三年行动计划（征求意见稿）",
        open_date=today - 5 * DAY,
        close_date=today + 30 * DAY,
    )
    planned = decision(
        "闵行区人力资源产业园发展规划", "chanyeyuan", planned_date="2025年第四季度"
    )
    consulting = decision(
        "闵行区公共就业服务体系建设三年行动计划",
        "jiuye-fuwu",
        stage=DecisionStage.CONSULTING,
        consultation=consultation,
    )
    decided = decision(
        "闵行区职业技能提升行动实施方案",
        "jineng-tisheng",
        stage=DecisionStage.DECIDED,
        decision_date=D(2025, 6, 20),
        result="<p>经局长办公会议审议通过。</p>",
        result_url="https://www.shmh.gov.cn/zhengce/123/",
    )
    hidden = decision("未发布的决策事项", "draft-decision")
    hidden.unpublish()
    meeting = DecisionMeeting.objects.create(
        decision=decided,
        kind=MeetingKind.DIRECTORS_MEETING,
        date=D(2025, 6, 20),
        topic="审议职业技能提升行动实施方案",
        is_public=True,
    )
    for name, category, phone in [
        ("李教授", RepresentativeCategory.EXPERT, "13900000001"),
        ("张代表", RepresentativeCategory.DEPUTY, "13900000002"),
        ("赵经理", RepresentativeCategory.PUBLIC, "13900000003"),
        ("钱经理", RepresentativeCategory.PUBLIC, "13900000004"),
    ]:
        MeetingAttendee.objects.create(
            meeting=meeting, name=name, category=category, phone=phone
        )
    RepresentativeSuggestion.objects.create(
        meeting=meeting,
        representative="赵经理",
        category=RepresentativeCategory.PUBLIC,
        content="建议培训补贴向中小企业倾斜。",
        status=FollowUpStatus.CLOSED,
        response="已在实施方案第五条中增加对中小企业的倾斜措施。",
        responded_on=D(2025, 7, 10),
    )
    DecisionMeeting.objects.create(
        decision=decided, date=D(2025, 5, 1), topic="内部会议，不公开", is_public=False
    )
    return {
        "catalog": catalog,
        "planned": planned,
        "consulting": consulting,
        "decided": decided,
        "consultation": consultation,
    }


def test_catalog_lists_decisions_with_stage_results_and_meetings(graphql, catalog):
    body = graphql(CATALOG, {"year": 2025})
    assert "errors" not in body, body
    assert body["data"]["majorDecisionCatalogs"] == [
        {
            "title": "2025年度重大行政决策事项目录",
            "year": 2025,
            "pageType": "MajorDecisionCatalogPage",
            "decisions": [
                {
                    "title": "闵行区人力资源产业园发展规划",
                    "stage": "PROPOSED",
                    "decisionDate": None,
                    "result": "",
                    "resultUrl": "",
                    "consultation": None,
                    "adoptionReport": None,
                    "meetings": [],
                },
                {
                    "title": "闵行区公共就业服务体系建设三年行动计划",
                    "stage": "CONSULTING",
                    "decisionDate": None,
                    "result": "",
                    "resultUrl": "",
                    "consultation": {
                        "title": "闵行区公共就业服务体系建设三年行动计划（征求意见稿）",
                        "status": "OPEN",
                    },
                    "adoptionReport": None,
                    "meetings": [],
                },
                {
                    "title": "闵行区职业技能提升行动实施方案",
                    "stage": "DECIDED",
                    "decisionDate": "2025-06-20",
                    "result": "<p>经局长办公会议审议通过。</p>",
                    "resultUrl": "https://www.shmh.gov.cn/zhengce/123/",
                    "consultation": None,
                    "adoptionReport": None,
                    "meetings": [
                        {
                            "kind": "DIRECTORS_MEETING",
                            "date": "2025-06-20",
                            "topic": "审议职业技能提升行动实施方案",
                            "representativeCount": 4,
                            "representatives": [
                                {"category": "EXPERT", "count": 1},
                                {"category": "DEPUTY", "count": 1},
                                {"category": "PUBLIC", "count": 2},
                            ],
                            "suggestions": [
                                {
                                    "category": "PUBLIC",
                                    "content": "建议培训补贴向中小企业倾斜。",
                                    "status": "CLOSED",
                                    "response": "已在实施方案第五条中增加对中小企业的倾斜措施。",
                                    "respondedOn": "2025-07-10",
                                }
                            ],
                        }
                    ],
                },
            ],
        }
    ]
    text = json.dumps(body, ensure_ascii=False)
    for secret in ("李教授", "赵经理", "1390000000", "内部会议"):
        assert secret not in text
    assert graphql(CATALOG, {"year": 2024})["data"]["majorDecisionCatalogs"] == []


def test_representatives_personal_data_is_not_in_the_schema(graphql):
    for type_name in (
        "DecisionMeeting",
        "RepresentativeSuggestion",
        "RepresentativeCount",
    ):
        fields = graphql(
            "query ($n: String!) { __type(name: $n) { fields { name } } }",
            {"n": type_name},
        )["data"]["__type"]["fields"]
        names = {field["name"] for field in fields}
        assert not {"name", "phone", "affiliation", "representative"} & names, type_name


def test_catalog_query_count_does_not_grow(
    graphql, catalog, django_assert_max_num_queries
):
    graphql(CATALOG)
    with django_assert_max_num_queries(QUERIES):
        graphql(CATALOG)
    decided = catalog["decided"]
    for n in range(4):
        meeting = DecisionMeeting.objects.create(
            decision=decided, date=D(2025, 8, n + 1), topic=f"专题会{n}", is_public=True
        )
        MeetingAttendee.objects.create(
            meeting=meeting, name="孙老师", category=RepresentativeCategory.EXPERT
        )
        page = MajorDecisionPage(
            title=f"决策事项{n}",
            slug=f"juece-{n}",
            consultation=catalog["consultation"],
        )
        catalog["catalog"].add_child(instance=page)
        page.save_revision().publish()
    with django_assert_max_num_queries(QUERIES):
        result = graphql(CATALOG)
    (listed,) = result["data"]["majorDecisionCatalogs"]
    assert len(listed["decisions"]) == 7


def test_decided_needs_date_and_result_consulting_needs_consultation(catalog):
    from django.core.exceptions import ValidationError

    page = MajorDecisionPage(title="x", slug="x", stage=DecisionStage.DECIDED)
    with pytest.raises(ValidationError) as caught:
        page.clean()
    assert caught.value.message_dict == {
        "decision_date": ["已决策的事项须填写决策日期。"],
        "result": ["已决策的事项须填写决策结果。"],
    }
    page = MajorDecisionPage(title="y", slug="y", stage=DecisionStage.CONSULTING)
    with pytest.raises(ValidationError) as caught:
        page.clean()
    assert caught.value.message_dict == {
        "consultation": ["处于征求意见阶段的事项须关联征求意见页面。"]
    }
