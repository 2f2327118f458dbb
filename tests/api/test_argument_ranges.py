"""IDs, years, cursors and ports out of range: a clear answer, never a crash (issue 10).

Through the real HTTP stack on whichever database the run uses: SQLite refuses
integers past 64 bits as parameters, PostgreSQL refuses them as bigint.
"""

from __future__ import annotations

import base64

import pytest

from api.limits import MAX_CURSOR_OFFSET
from tests.factories import PolicyPageFactory
from tests.factories.pages import FAQFactory, OpenEventPageFactory

pytestmark = pytest.mark.django_db

TOO_BIG = str(2**63)


def cursor(prefix: str, offset: str) -> str:
    return base64.b64encode(f"{prefix}:{offset}".encode()).decode()


@pytest.fixture
def policy(site_tree, bureau):
    page = PolicyPageFactory(
        parent=site_tree.policies, title="关于调整最低工资标准的通知", issuers=[bureau]
    )
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("value", [TOO_BIG, "99999999999999999999", "²", "١٢", "-1"])
def test_page_by_an_id_no_row_can_have_is_null(graphql, policy, value):
    assert graphql("query ($id: ID) { page(id: $id) { id } }", {"id": value}) == {
        "data": {"page": None}
    }


def test_page_by_its_id_still_works(graphql, policy):
    body = graphql(
        "query ($id: ID) { page(id: $id) { title } }", {"id": str(policy.pk)}
    )
    assert body == {"data": {"page": {"title": "关于调整最低工资标准的通知"}}}


@pytest.mark.parametrize("value", [TOO_BIG, "²", "٣"])
def test_id_filters_with_impossible_ids_match_nothing(graphql, policy, value):
    FAQFactory()
    query = """query ($t: [ID!], $q: ID) {
        faqs(topic: $t) { totalCount }
        questions(topic: $q) { totalCount }
        policies(filter: {topic: $t, organization: $t}) { totalCount }
        interpretations(filter: {policy: $t}) { totalCount }
        releases(filter: {topic: $t}) { totalCount }
    }"""
    body = graphql(query, {"t": [value], "q": value})
    assert body == {
        "data": {
            "faqs": {"totalCount": 0},
            "questions": {"totalCount": 0},
            "policies": {"totalCount": 0},
            "interpretations": {"totalCount": 0},
            "releases": {"totalCount": 0},
        }
    }


def test_search_filter_with_impossible_ids(graphql, policy):
    body = graphql(
        'query ($t: [ID!]) { search(query: "最低工资", filter: {topic: $t}) { totalCount } }',
        {"t": ["²", TOO_BIG]},
    )
    assert "errors" not in body, body


@pytest.mark.parametrize("value", [999999999, -5, 0, 10000])
def test_a_year_no_date_can_have_is_refused_in_chinese(graphql, site_tree, value):
    body = graphql(
        "query ($y: Int) { majorDecisionCatalogs(year: $y) { id } }", {"y": value}
    )
    assert body["data"] is None
    assert body["errors"][0]["message"] == (
        f"year 应为 1000 至 9999 之间的年份，收到 {value}。"
    )
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "year",
    }


@pytest.mark.parametrize(
    "query",
    [
        "query ($y: Int) { policies(filter: {year: $y}) { totalCount } }",
        'query ($y: Int!) { search(query: "工资", filter: {year: [$y]}) { totalCount } }',
    ],
    ids=["policies", "search"],
)
def test_year_filters_refuse_impossible_years(graphql, policy, query):
    body = graphql(query, {"y": 999999999})
    assert body["data"] is None
    [error] = body["errors"]
    assert (
        error["message"] == "filter.year 应为 1000 至 9999 之间的年份，收到 999999999。"
    )
    assert graphql(query, {"y": 2025}).get("errors") is None


@pytest.mark.parametrize(
    ("template", "prefix"),
    [
        ('{{ policies(after: "{}") {{ totalCount }} }}', "arrayconnection"),
        ('{{ search(query: "工资", after: "{}") {{ totalCount }} }}', "search"),
    ],
    ids=["connection", "search"],
)
@pytest.mark.parametrize("offset", ["99999999999999999999999", str(2**63)])
def test_a_cursor_far_beyond_any_list_is_refused(
    graphql, policy, template, prefix, offset
):
    body = graphql(template.format(cursor(prefix, offset)))
    assert body["data"] is None
    [error] = body["errors"]
    assert error["message"] == (
        f"after 超出列表范围：分页游标的位置应小于 {MAX_CURSOR_OFFSET}。"
    )
    assert error["extensions"]["code"] == "INVALID_CURSOR"


@pytest.mark.parametrize(
    "value",
    [
        cursor("arrayconnection", "-5"),
        cursor("arrayconnection", "²"),
        cursor("arrayconnection", "abc"),
        cursor("search", "3"),  # another connection's cursor
        cursor("PolicyPage", "3"),
    ],
)
def test_connection_cursors_that_were_never_issued_are_refused(graphql, policy, value):
    body = graphql(f'{{ policies(after: "{value}") {{ totalCount }} }}')
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INVALID_CURSOR"
    assert error["message"].startswith("after 不是有效的分页游标")


def test_search_cursors_that_were_never_issued_are_refused(graphql, policy):
    for value in (cursor("search", "-5"), cursor("arrayconnection", "1")):
        body = graphql(
            f'{{ search(query: "工资", after: "{value}") {{ totalCount }} }}'
        )
        [error] = body["errors"]
        assert error["extensions"]["code"] == "INVALID_CURSOR", body


def test_an_issued_cursor_still_pages(graphql, site_tree, bureau):
    for index in range(3):
        PolicyPageFactory(
            parent=site_tree.policies, title=f"工资政策{index}", issuers=[bureau]
        ).save_revision().publish()
    first = graphql("{ policies(first: 1) { pageInfo { endCursor } } }")
    after = first["data"]["policies"]["pageInfo"]["endCursor"]
    body = graphql(
        "query ($a: String) { policies(first: 5, after: $a) { edges { node { id } } } }",
        {"a": after},
    )
    assert len(body["data"]["policies"]["edges"]) == 2


@pytest.mark.parametrize("site", ["localhost:²", "localhost:99999999999999999999"])
def test_a_site_with_an_impossible_port_is_no_site(graphql, site_tree, site):
    body = graphql(
        "query ($s: String) { siteSettings(site: $s) { siteName } }", {"s": site}
    )
    assert body == {"data": {"siteSettings": None}}


def test_registering_for_an_impossible_event_id(graphql, site_tree, settings):
    settings.PARTICIPATION_RATE_LIMITS = {}  # the default limit is plenty here
    OpenEventPageFactory(parent=site_tree.events).save_revision().publish()
    body = graphql(
        """mutation ($id: ID!) { registerForEvent(input: {
            eventId: $id, name: "张三", phone: "13812345678", peopleCount: 1
        }) { __typename ... on RegistrationRejected { reason } } }""",
        {"id": "²"},
    )
    assert body == {
        "data": {
            "registerForEvent": {
                "__typename": "RegistrationRejected",
                "reason": "EVENT_NOT_FOUND",
            }
        }
    }


def test_commenting_on_an_impossible_consultation_id(graphql, site_tree, settings):
    settings.PARTICIPATION_RATE_LIMITS = {}  # the default limit is plenty here
    body = graphql(
        """mutation ($id: ID!) { submitConsultationComment(input: {
            consultationId: $id, commenterType: INDIVIDUAL, content: "建议延长申请期限。"
        }) { ... on ValidationErrors { errors { field } } } }""",
        {"id": "²"},
    )
    assert body == {
        "data": {"submitConsultationComment": {"errors": [{"field": "consultationId"}]}}
    }
