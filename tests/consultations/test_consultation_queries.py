"""Consultation pages and consultations(...) through real HTTP: status, comments
(approved only, no contact data), the adoption report only once published."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from cms.consultations.models import (
    CommenterType,
    ConsultationPage,
    Decision,
    DraftKind,
    ModerationStatus,
)
from cms.consultations.services import adoption_report_generate

DAY = datetime.timedelta(days=1)
# The list costs the same however many pages and comments it holds.
QUERIES = 4

PAGE = """
query ($id: ID!) {
  page(id: $id) {
    __typename title pageType
    ... on ConsultationPage {
      kind openDate closeDate status isOpen isEnterpriseRelated isMarketRelated
      summary explanation contactPhone department { name }
      body { __typename ... on ParagraphBlock { value } }
      attachments { title }
      commentCount
      comments {
        commenterType industry enterpriseSize name content decision decisionReason
      }
      adoptionReport {
        received enterprise individual adopted partlyAdopted notAdopted text
      }
    }
  }
}
"""

LIST = """
query ($filter: ConsultationFilter, $order: ConsultationOrder) {
  consultations(filter: $filter, order: $order) {
    totalCount
    edges { node { title status isOpen commentCount kind
      comments { name content } adoptionReport { received }
      window { publishedOn startDate days workingDays isShortened shortenedReason }
    } }
  }
}
"""


@pytest.fixture
def consultations(make_consultation, add_comment):
    today = timezone.localdate()
    open_ = make_consultation(
        "关于进一步稳就业促发展的若干措施（征求意见稿）",
        is_enterprise_related=True,
        is_market_related=True,
        summary="面向中小微企业的稳岗扩岗支持措施。",
        explanation="<p>为贯彻落实稳就业政策，起草本措施。</p>",
        contact_phone="021-64120000",
        body=[("paragraph", "<p>第一条 为支持企业稳岗扩岗……</p>")],
    )
    add_comment(
        open_,
        "建议将小微企业吸纳就业补贴标准提高到每人3000元。",
        commenter_type=CommenterType.ENTERPRISE,
        name="上海闵联科技有限公司",
        contact="13812345678",
        moderation_status=ModerationStatus.APPROVED,
    )
    add_comment(
        open_,
        "建议简化申领材料。",
        name="王小明",
        contact="wang@example.com",
        moderation_status=ModerationStatus.APPROVED,
    )
    add_comment(open_, "待审核的意见", moderation_status=ModerationStatus.PENDING)
    add_comment(open_, "广告内容", moderation_status=ModerationStatus.HIDDEN)
    closed = make_consultation(
        "闵行区职业技能培训补贴管理办法（征求意见稿）",
        open_date=today - 60 * DAY,
        close_date=today - 20 * DAY,
    )
    upcoming = make_consultation(
        "闵行区重大行政决策：公共就业服务体系建设规划（征求意见稿）",
        kind=DraftKind.MAJOR_DECISION,
        open_date=today + 5 * DAY,
        close_date=today + 40 * DAY,
    )
    return {"open": open_, "closed": closed, "upcoming": upcoming}


def _page(graphql, page) -> dict:
    body = graphql(PAGE, {"id": str(page.pk)})
    assert "errors" not in body, body
    return body["data"]["page"]


def test_open_consultation_page(graphql, consultations):
    page = consultations["open"]
    result = _page(graphql, page)
    assert result == {
        "__typename": "ConsultationPage",
        "title": page.title,
        "pageType": "ConsultationPage",
        "kind": "NORMATIVE",
        "openDate": page.open_date.isoformat(),
        "closeDate": page.close_date.isoformat(),
        "status": "OPEN",
        "isOpen": True,
        "isEnterpriseRelated": True,
        "isMarketRelated": True,
        "summary": "面向中小微企业的稳岗扩岗支持措施。",
        "explanation": "<p>为贯彻落实稳就业政策，起草本措施。</p>",
        "contactPhone": "021-64120000",
        "department": {"name": "闵行区人力资源和社会保障局"},
        "body": [
            {
                "__typename": "ParagraphBlock",
                "value": "<p>第一条 为支持企业稳岗扩岗……</p>",
            }
        ],
        "attachments": [],
        "commentCount": 2,
        "comments": [
            {
                "commenterType": "ENTERPRISE",
                "industry": "MANUFACTURING",
                "enterpriseSize": "SMALL",
                "name": "上" + "*" * 9,
                "content": "建议将小微企业吸纳就业补贴标准提高到每人3000元。",
                "decision": None,
                "decisionReason": None,
            },
            {
                "commenterType": "INDIVIDUAL",
                "industry": None,
                "enterpriseSize": None,
                "name": "王**",
                "content": "建议简化申领材料。",
                "decision": None,
                "decisionReason": None,
            },
        ],
        "adoptionReport": None,
    }


def test_contact_data_is_never_public(graphql, consultations):
    body = graphql(PAGE, {"id": str(consultations["open"].pk)})
    text = json.dumps(body, ensure_ascii=False)
    for secret in ("13812345678", "wang@example.com", "王小明", "待审核的意见", "广告"):
        assert secret not in text
    schema = graphql('{ __type(name: "ConsultationComment") { fields { name } } }')[
        "data"
    ]["__type"]
    names = {field["name"] for field in schema["fields"]}
    assert not {"contact", "phone", "email", "moderationStatus"} & names


def test_adoption_report_public_only_after_publication(
    graphql, consultations, add_comment, superuser
):
    closed = consultations["closed"]
    add_comment(
        closed,
        "建议将新就业形态劳动者纳入培训补贴对象。",
        commenter_type=CommenterType.ENTERPRISE,
        moderation_status=ModerationStatus.APPROVED,
        decision=Decision.ADOPTED,
    )
    add_comment(
        closed,
        "建议补贴标准翻倍。",
        moderation_status=ModerationStatus.APPROVED,
        decision=Decision.NOT_ADOPTED,
        decision_reason="补贴标准由市级统一确定，区级无权调整。",
    )
    assert _page(graphql, closed)["status"] == "CLOSED"

    revision = adoption_report_generate(consultation=closed, user=superuser)
    draft_only = _page(graphql, closed)
    assert (draft_only["status"], draft_only["adoptionReport"]) == ("CLOSED", None)
    assert [c["decision"] for c in draft_only["comments"]] == [None, None]

    revision.publish(user=superuser)
    result = _page(graphql, closed)
    assert result["status"] == "REPORT_PUBLISHED"
    report = result["adoptionReport"]
    assert {k: v for k, v in report.items() if k != "text"} == {
        "received": 2,
        "enterprise": 1,
        "individual": 1,
        "adopted": 1,
        "partlyAdopted": 0,
        "notAdopted": 1,
    }
    assert "共收到有效意见 2 条，其中企业意见 1 条、个人意见 1 条" in report["text"]
    assert "<h3>不予采纳的意见</h3>" in report["text"]
    assert "补贴标准由市级统一确定，区级无权调整。" in report["text"]
    assert [(c["decision"], c["decisionReason"]) for c in result["comments"]] == [
        ("ADOPTED", None),
        ("NOT_ADOPTED", "补贴标准由市级统一确定，区级无权调整。"),
    ]


def _titles(result: dict) -> list[tuple[str, str]]:
    return [
        (edge["node"]["title"], edge["node"]["status"])
        for edge in result["data"]["consultations"]["edges"]
    ]


def test_list_filters_by_status_and_kind(graphql, consultations):
    open_, closed, upcoming = (
        consultations["open"].title,
        consultations["closed"].title,
        consultations["upcoming"].title,
    )
    everything = graphql(LIST)
    assert everything["data"]["consultations"]["totalCount"] == 3
    assert _titles(everything) == [
        (upcoming, "NOT_STARTED"),
        (open_, "OPEN"),
        (closed, "CLOSED"),
    ]
    assert _titles(graphql(LIST, {"filter": {"status": ["OPEN"]}})) == [(open_, "OPEN")]
    assert _titles(
        graphql(
            LIST,
            {"filter": {"status": ["CLOSED", "NOT_STARTED"]}, "order": "OPEN_DATE_ASC"},
        )
    ) == [(closed, "CLOSED"), (upcoming, "NOT_STARTED")]
    assert _titles(graphql(LIST, {"filter": {"kind": ["MAJOR_DECISION"]}})) == [
        (upcoming, "NOT_STARTED")
    ]
    assert _titles(graphql(LIST, {"filter": {"isEnterpriseRelated": True}})) == [
        (open_, "OPEN")
    ]
    draft = ConsultationPage.objects.get(pk=consultations["open"].pk)
    draft.unpublish()
    assert graphql(LIST)["data"]["consultations"]["totalCount"] == 2


def test_list_query_count_does_not_grow(
    graphql,
    consultations,
    make_consultation,
    add_comment,
    django_assert_max_num_queries,
):
    graphql(LIST)  # warm per-process caches (site, content types)
    with django_assert_max_num_queries(QUERIES):
        result = graphql(LIST)
    assert result["data"]["consultations"]["totalCount"] == 3
    for n in range(6):
        page = make_consultation(f"第{n}号征求意见稿")
        add_comment(page, moderation_status=ModerationStatus.APPROVED)
    with django_assert_max_num_queries(QUERIES):
        result = graphql(LIST)
    assert result["data"]["consultations"]["totalCount"] == 9
