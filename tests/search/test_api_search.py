# ruff: noqa: F811
"""search(...) through real HTTP: results, facets, filters, order, pages, marks.

Only live, 主动公开 pages of the requested site are ever found; a draft, a
依申请公开 policy, a view-restricted page and another site's page that all match
the query sit next to the public ones.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction
from wagtail.models import Site

from cms.policies.models import Disclosure, ValidityOverride
from cms.taxonomy.models import Topic
from search.models import SearchQueryLog
from tests.api.builders import other_site, restrict

# The /graphql/ fixture of tests/api, imported by name: tests request it as a
# parameter, hence the file-wide F811 exemption above.
from tests.factories import (
    InterpretationPageFactory,
    OrganizationFactory,
    PolicyPageFactory,
)
from tests.factories.pages import OpenEventPageFactory

OTHER_HOST = "b.example.gov.cn"
pytestmark = pytest.mark.django_db

SEARCH = """
query ($q: String!, $filter: SearchFilter, $order: SearchOrder, $first: Int,
       $after: String) {
  search(query: $q, filter: $filter, order: $order, first: $first, after: $after) {
    totalCount
    totalCountIsLowerBound
    didYouMean
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { highlightedTitle snippet page { title pageType } } }
    facets {
      contentType { value label count }
      topic { value label count }
      organization { value label count }
      year { value label count }
      validity { value label count }
    }
  }
}
"""


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0


def _paragraph(text: str) -> list:
    from wagtail.rich_text import RichText

    return [("paragraph", RichText(f"<p>{text}</p>"))]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module and rolled back after it (each test runs in a
    savepoint inside, so what a test adds or logs goes with it)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def site_tree(world):
    from cms.home.site_tree import ensure_site_tree

    return ensure_site_tree()


@pytest.fixture
def bureau(world):
    return world[0]["benefit"].issuers.first().organization


def _build_world():
    """Public pages about 失业保险 of every type, and hidden ones beside them."""
    from cms.home.site_tree import ensure_site_tree
    from cms.taxonomy.models import Organization
    from cms.taxonomy.seed import BUREAU_NAME, seed_taxonomy

    seed_taxonomy()
    site_tree = ensure_site_tree()
    bureau = Organization.objects.get(name=BUREAU_NAME)
    unemployment = Topic.objects.get(slug="shiye")
    flexible = Topic.objects.get(slug="linghuo-jiuye")
    finance = OrganizationFactory(name="闵行区财政局")

    def policy(slug, parent=site_tree.policies, topics=(), **kwargs):
        kwargs.setdefault("issuers", [bureau])
        page = PolicyPageFactory(parent=parent, slug=slug, **kwargs)
        if topics:
            page.topics.set(topics)
            page.save()
        return page

    pages = {
        "benefit": policy(
            "shiyebaoxianjin",
            title="关于做好失业保险金申领工作的通知",
            doc_number="闵人社发〔2025〕19号",
            written_date=datetime.date(2025, 3, 5),
            publish_date=datetime.date(2025, 3, 10),
            summary="失业人员可以按月申领失业保险金。",
            body=_paragraph(
                "各街道、镇人力资源和社会保障服务中心：为进一步做好稳就业工作，"
                "根据国家和本市有关规定，结合本区实际，现将有关事项通知如下。"
                "一、符合条件的失业人员可以通过“一网通办”线上申领失业保险金，"
                "也可以到户籍地街镇社区事务受理服务中心现场办理。"
                "二、失业保险金按月发放，标准按本市规定执行。"
            ),
            topics=[unemployment],
        ),
        "flexible": policy(
            "linghuo",
            title="灵活就业人员参加失业保险办法",
            doc_number="闵人社规〔2023〕2号",
            written_date=datetime.date(2023, 4, 1),
            publish_date=datetime.date(2023, 4, 6),
            expiry_date=datetime.date(2024, 12, 31),
            summary="灵活就业人员可以自愿参加失业保险。",
            issuers=[bureau, finance],
            topics=[flexible],
        ),
        "injury": policy(
            "gongshang",
            title="工伤认定办事指南",
            doc_number="闵人社发〔2025〕20号",
            summary="职工发生工伤后，用人单位应当在30日内申请工伤认定。",
        ),
        "reading": InterpretationPageFactory(
            parent=site_tree.interpretations,
            slug="tujie",
            title="一图读懂失业保险金申领",
            publish_date=datetime.date(2025, 3, 12),
            summary="三步申领失业保险金。",
        ),
        "event": OpenEventPageFactory(
            parent=site_tree.events,
            slug="zoujin",
            title="走进失业保险经办大厅",
            summary="现场了解失业保险金申领流程。",
        ),
    }
    other = other_site(OTHER_HOST)
    hidden = {
        "draft": policy("caogao", title="失业保险金发放草稿", live=False),
        "on_application": policy(
            "yishenqing",
            title="失业保险金核查工作方案",
            disclosure=Disclosure.ON_APPLICATION,
            disclosure_basis="条例第十六条",
        ),
        "other_site": policy(
            "qita", parent=other.policies, title="失业保险金申领通知（另一站点）"
        ),
        "repealed_draft": policy(
            "feizhi",
            title="失业保险金旧办法",
            validity_override=ValidityOverride.REPEALED,
            live=False,
        ),
    }
    restricted = policy("shouxian", title="失业保险金受限页面")
    restrict(restricted)
    hidden["restricted"] = restricted
    return pages, hidden, unemployment, flexible, finance


def _titles(result: dict) -> list[str]:
    return [edge["node"]["page"]["title"] for edge in result["edges"]]


def _search(graphql, **variables) -> dict:
    body = graphql(SEARCH, variables)
    assert "errors" not in body, body
    return body["data"]["search"]


def _facets(world) -> dict:
    pages, hidden, unemployment, flexible, finance = world
    bureau = pages["benefit"].issuers.first().organization
    return {
        "contentType": [
            {"value": "POLICY", "label": "政策文件", "count": 2},
            {"value": "EVENT", "label": "政府开放活动", "count": 1},
            {"value": "INTERPRETATION", "label": "政策解读", "count": 1},
        ],
        "topic": [
            {"value": str(flexible.pk), "label": "灵活就业", "count": 1},
            {"value": str(unemployment.pk), "label": "失业保险", "count": 1},
        ],
        "organization": [
            {
                "value": str(bureau.pk),
                "label": "闵行区人力资源和社会保障局",
                "count": 2,
            },
            {"value": str(finance.pk), "label": "闵行区财政局", "count": 1},
        ],
        "year": [
            {"value": "2025", "label": "2025年", "count": 2},
            {"value": "2023", "label": "2023年", "count": 1},
        ],
        "validity": [
            {"value": "EXPIRED", "label": "失效", "count": 1},
            {"value": "VALID", "label": "有效", "count": 1},
        ],
    }


BENEFIT_SNIPPET = (
    "失业人员可以按月申领<em>失业保险金</em>。 各街道、镇人力资源和社会保障服务中心："
    "为进一步做好稳就业工作，根据国家和本市有关规定，结合本区实际，现将有关事项通知如下。"
    "一、符合条件的失业人员可以通过“一网通办”线上申领<em>失业保险金</em>，"
    "也可以到户籍地街镇社区…"
)


def test_finds_public_pages_of_every_type_with_marks_and_facets(graphql, world):
    result = _search(graphql, q="失业保险金")
    assert result["totalCount"] == 4
    assert result["totalCountIsLowerBound"] is False
    assert result["didYouMean"] is None
    assert result["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": result["edges"][0]["cursor"],
        "endCursor": result["edges"][3]["cursor"],
    }
    nodes = {edge["node"]["page"]["title"]: edge["node"] for edge in result["edges"]}
    assert nodes == {
        "关于做好失业保险金申领工作的通知": {
            "highlightedTitle": "关于做好<em>失业保险金</em>申领工作的通知",
            "snippet": BENEFIT_SNIPPET,
            "page": {
                "title": "关于做好失业保险金申领工作的通知",
                "pageType": "PolicyPage",
            },
        },
        "灵活就业人员参加失业保险办法": {
            "highlightedTitle": "灵活就业人员参加<em>失业保险</em>办法",
            "snippet": "灵活就业人员可以自愿参加<em>失业保险</em>。 各有关单位：现将有关事项通知如下。",
            "page": {"title": "灵活就业人员参加失业保险办法", "pageType": "PolicyPage"},
        },
        "一图读懂失业保险金申领": {
            "highlightedTitle": "一图读懂<em>失业保险金</em>申领",
            "snippet": "三步申领<em>失业保险金</em>。 简明问答 谁可以申请？ 符合条件的用人单位。",
            "page": {
                "title": "一图读懂失业保险金申领",
                "pageType": "InterpretationPage",
            },
        },
        "走进失业保险经办大厅": {
            "highlightedTitle": "走进<em>失业保险</em>经办大厅",
            "snippet": "现场了解<em>失业保险金</em>申领流程。 欢迎报名参加。",
            "page": {"title": "走进失业保险经办大厅", "pageType": "OpenEventPage"},
        },
    }
    assert result["facets"] == _facets(world)
    # The exact phrase in the title ranks above a page that has only 失业保险.
    titles = _titles(result)
    assert titles.index("关于做好失业保险金申领工作的通知") < titles.index(
        "灵活就业人员参加失业保险办法"
    )


def test_order_by_date_newest_first_undated_last(graphql, world):
    result = _search(graphql, q="失业保险金", order="DATE")
    assert _titles(result) == [
        "一图读懂失业保险金申领",  # 2025-03-12
        "关于做好失业保险金申领工作的通知",  # 2025-03-10
        "灵活就业人员参加失业保险办法",  # 2023-04-06
        "走进失业保险经办大厅",  # no publish date
    ]


@pytest.mark.parametrize(
    ("make_filter", "titles"),
    [
        (
            lambda w: {"contentType": ["POLICY"]},
            ["关于做好失业保险金申领工作的通知", "灵活就业人员参加失业保险办法"],
        ),
        (
            lambda w: {"contentType": ["INTERPRETATION", "EVENT"]},
            ["一图读懂失业保险金申领", "走进失业保险经办大厅"],
        ),
        (lambda w: {"validity": ["VALID"]}, ["关于做好失业保险金申领工作的通知"]),
        (lambda w: {"validity": ["EXPIRED"]}, ["灵活就业人员参加失业保险办法"]),
        (lambda w: {"topic": [str(w[3].pk)]}, ["灵活就业人员参加失业保险办法"]),
        (lambda w: {"organization": [str(w[4].pk)]}, ["灵活就业人员参加失业保险办法"]),
        (
            lambda w: {"year": [2025]},
            ["一图读懂失业保险金申领", "关于做好失业保险金申领工作的通知"],
        ),
        (
            lambda w: {"year": [2025], "contentType": ["POLICY"]},
            ["关于做好失业保险金申领工作的通知"],
        ),
        (lambda w: {"year": [2019]}, []),
    ],
)
def test_filters(graphql, world, make_filter, titles):
    result = _search(graphql, q="失业保险金", filter=make_filter(world), order="DATE")
    assert _titles(result) == titles
    assert result["totalCount"] == len(titles)


def test_a_facet_counts_as_if_its_own_filter_were_off(graphql, world):
    result = _search(graphql, q="失业保险金", filter={"contentType": ["POLICY"]})
    facets = result["facets"]
    # Every content type stays selectable; the other facets follow the filter.
    assert facets["contentType"] == _facets(world)["contentType"]
    assert facets["year"] == [
        {"value": "2025", "label": "2025年", "count": 1},
        {"value": "2023", "label": "2023年", "count": 1},
    ]


def test_pages_follow_opaque_cursors_and_log_once(graphql, world):
    first = _search(graphql, q="失业保险金", order="DATE", first=2)
    assert _titles(first) == [
        "一图读懂失业保险金申领",
        "关于做好失业保险金申领工作的通知",
    ]
    assert first["totalCount"] == 4
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False
    assert "失业" not in first["pageInfo"]["endCursor"]

    second = _search(
        graphql,
        q="失业保险金",
        order="DATE",
        first=2,
        after=first["pageInfo"]["endCursor"],
    )
    assert _titles(second) == ["灵活就业人员参加失业保险办法", "走进失业保险经办大厅"]
    assert second["pageInfo"]["hasNextPage"] is False
    assert second["pageInfo"]["hasPreviousPage"] is True
    cursors = [e["cursor"] for e in first["edges"] + second["edges"]]
    assert len(set(cursors)) == 4

    beyond = _search(
        graphql,
        q="失业保险金",
        order="DATE",
        first=2,
        after=second["pageInfo"]["endCursor"],
    )
    assert beyond["edges"] == [] and beyond["totalCount"] == 4
    assert beyond["pageInfo"]["hasNextPage"] is False

    # Three requests, one search: the next pages are not new searches.
    assert list(SearchQueryLog.objects.values_list("normalized", "result_count")) == [
        ("失业保险金", 4)
    ]


def test_bad_cursors_and_page_sizes_are_refused(graphql, world):
    body = graphql(SEARCH, {"q": "失业保险金", "after": "not-a-cursor"})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"
    from strawberry.relay.utils import to_base64

    body = graphql(SEARCH, {"q": "失业保险金", "after": to_base64("PolicyPage", "x")})
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"
    assert "搜索分页游标" in body["errors"][0]["message"]
    body = graphql(SEARCH, {"q": "失业保险金", "first": 101})
    assert body["errors"][0]["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"
    assert not SearchQueryLog.objects.exists()


def test_hidden_pages_never_appear(graphql, world):
    pages, hidden, *_ = world
    hidden_titles = {page.title for page in hidden.values()}
    for query in ["失业保险金", *hidden_titles, "草稿", "核查工作方案", "另一站点"]:
        result = _search(graphql, q=query, first=100)
        found = set(_titles(result))
        assert not found & hidden_titles, query
        for facet in result["facets"].values():
            assert sum(v["count"] for v in facet) <= result["totalCount"] * 2


def test_another_site_searches_its_own_pages_only(graphql, world):
    body = graphql(
        f'query {{ search(query: "失业保险金", site: "{OTHER_HOST}") '
        "{ totalCount edges { node { page { title } } } } }"
    )
    assert body["data"]["search"] == {
        "totalCount": 1,
        "edges": [{"node": {"page": {"title": "失业保险金申领通知（另一站点）"}}}],
    }
    # The host the request came to decides too.
    body = graphql(
        'query { search(query: "失业保险金") { totalCount } }', HTTP_HOST=OTHER_HOST
    )
    assert body["data"]["search"]["totalCount"] == 1
    body = graphql(
        'query { search(query: "失业保险金", site: "nowhere.example") { totalCount edges { cursor } } }'
    )
    assert body["data"]["search"] == {"totalCount": 0, "edges": []}


def test_doc_number_in_any_bracket_finds_the_policy_first(graphql, world):
    for query in ["闵人社发[2025]19号", "闵人社发（2025）19号", "闵人社发 2025 19号"]:
        result = _search(graphql, q=query)
        assert _titles(result)[0] == "关于做好失业保险金申领工作的通知", query


def test_titles_and_snippets_are_escaped(graphql, world, site_tree, bureau):
    PolicyPageFactory(
        parent=site_tree.policies,
        slug="escape",
        title="人社<script>alert(1)</script> & 稳岗返还",
        summary="<b>稳岗返还</b> 申请 & 审核",
        issuers=[bureau],
    )
    result = _search(graphql, q="稳岗返还")
    (node,) = [edge["node"] for edge in result["edges"]]
    assert node["highlightedTitle"] == (
        "人社&lt;script&gt;alert(1)&lt;/script&gt; &amp; <em>稳岗返还</em>"
    )
    assert node["snippet"] == (
        "&lt;b&gt;<em>稳岗返还</em>&lt;/b&gt; 申请 &amp; 审核 各有关单位：现将有关事项通知如下。"
    )


def test_empty_and_overlong_queries(graphql, world):
    result = _search(graphql, q="   ")
    assert result["totalCount"] == 0 and result["edges"] == []
    assert result["facets"] == {
        "contentType": [],
        "topic": [],
        "organization": [],
        "year": [],
        "validity": [],
    }
    body = graphql(SEARCH, {"q": "失" * 101})
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_LONG"
    assert body["errors"][0]["message"] == "搜索词过长：最多 100 个字。"
    assert not SearchQueryLog.objects.exists()


def test_every_first_page_is_logged_anonymously(graphql, world):
    _search(graphql, q="  失业保险金 ")
    _search(graphql, q="ＳＨＩＹＥ  保险")
    graphql(
        SEARCH,
        {"q": "失业保险金"},
        method="get",
        HTTP_USER_AGENT="Mozilla/5.0",
        REMOTE_ADDR="10.1.2.3",
    )
    site = Site.objects.get(is_default_site=True)
    rows = list(
        SearchQueryLog.objects.order_by("pk").values(
            "query", "normalized", "result_count", "site"
        )
    )
    assert rows == [
        {
            "query": "失业保险金",
            "normalized": "失业保险金",
            "result_count": 4,
            "site": site.pk,
        },
        {
            "query": "ＳＨＩＹＥ 保险",
            "normalized": "shiye 保险",
            "result_count": rows[1]["result_count"],
            "site": site.pk,
        },
        {
            "query": "失业保险金",
            "normalized": "失业保险金",
            "result_count": 4,
            "site": site.pk,
        },
    ]
    # Nothing about the visitor is stored, because there is nowhere to store it.
    assert {f.name for f in SearchQueryLog._meta.get_fields()} == {
        "id",
        "query",
        "normalized",
        "result_count",
        "site",
        "created_at",
    }


def test_identifiers_typed_into_the_box_are_masked_in_the_log(graphql, world):
    _search(graphql, q="110105199003071234 失业金")
    _search(graphql, q="13916881234 失业保险zhang.san@example.com")
    assert list(
        SearchQueryLog.objects.order_by("pk").values_list("query", "normalized")
    ) == [
        ("110105********1234 失业金", "110105********1234 失业金"),
        (
            "139****1234 失业保险z***@example.com",
            "139****1234 失业保险z***@example.com",
        ),
    ]


def test_a_logging_failure_does_not_fail_the_search(graphql, world, caplog):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {SearchQueryLog._meta.db_table}")
    result = _search(graphql, q="失业保险金")
    assert result["totalCount"] == 4
    assert len(result["edges"]) == 4
    assert "Search query log: could not record a search" in caplog.text


def test_cached_repeats_are_served_from_the_cache_and_still_logged(
    graphql, world, settings, tmp_path, django_assert_num_queries
):
    """The hot-query report counts searches people made, not cache entries: a
    public GET answered from the response cache is logged again, with one INSERT
    and without running the search."""
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 300
    # A stamp of our own: test runs in other processes share the default one.
    settings.GRAPHQL_GENERATION_FILE = tmp_path / "generation"
    graphql(SEARCH, {"q": "失业保险金"}, method="get")
    graphql(SEARCH, {"q": "失业保险金"}, method="get")
    with django_assert_num_queries(3):  # savepoint, INSERT, release
        graphql(SEARCH, {"q": "失业保险金"}, method="get")
    assert graphql.last_response["X-GraphQL-Cache"] == "HIT"
    assert (
        list(SearchQueryLog.objects.values_list("normalized", "result_count"))
        == [("失业保险金", 4)] * 3
    )
    # Later pages of the same search are still not new searches, cached or not.
    first = graphql(SEARCH, {"q": "失业保险金", "first": 2}, method="get")
    cursor = first["data"]["search"]["pageInfo"]["endCursor"]
    for _ in range(2):
        graphql(SEARCH, {"q": "失业保险金", "first": 2, "after": cursor}, method="get")
    assert SearchQueryLog.objects.count() == 4


QUERY_WITH_PAGES = """
query ($first: Int) {
  search(query: "就业补贴", first: $first) {
    totalCount
    edges { node {
      score highlightedTitle snippet
      page {
        title url urlPath pageType
        ... on PolicyPage {
          docNumber publishDate validity
          topics { name }
          issuingOrganizations { name }
        }
        ... on InterpretationPage { summary }
      }
    } }
  }
}
"""


def test_a_page_of_20_results_costs_the_same_queries_as_a_page_of_5(
    graphql, site_tree, bureau, django_assert_max_num_queries
):
    from django.test.utils import CaptureQueriesContext

    topic = Topic.objects.get(slug="jiuye-butie")
    for n in range(22):
        page = PolicyPageFactory(
            parent=site_tree.policies,
            slug=f"butie-{n}",
            title=f"关于第{n}批就业补贴发放的通知",
            issuers=[bureau],
        )
        page.topics.set([topic])
        page.save()
    for n in range(3):
        InterpretationPageFactory(
            parent=site_tree.interpretations, slug=f"jd-{n}", title=f"就业补贴解读{n}"
        )
    counts = {}
    for first in (5, 20):
        with CaptureQueriesContext(connection) as captured:
            body = graphql(QUERY_WITH_PAGES, {"first": first})
        assert "errors" not in body, body
        edges = body["data"]["search"]["edges"]
        assert len(edges) == first
        assert all(
            e["node"]["page"].get("topics") in (None, [{"name": "就业补贴"}])
            for e in edges
        )
        counts[first] = len(captured)
    assert counts[20] <= counts[5] + 1, counts
    # The engine (count, facets, rank, pages), the log row, and one query per
    # page type plus one per relation selected on it.
    with django_assert_max_num_queries(22):
        graphql(QUERY_WITH_PAGES, {"first": 20})


def test_a_capped_total_is_flagged_as_a_lower_bound(graphql, world, monkeypatch):
    monkeypatch.setattr("search.matchers.MAX_CANDIDATES", 2)
    result = _search(graphql, q="失业保险金")
    # Only the best two text matches are counted (after the public scope), not all four.
    assert 0 < result["totalCount"] < 4
    assert result["totalCountIsLowerBound"] is True
